/**
 * Confirmation (GOV.UK panel): the application code large, what happens next,
 * then "Hoàn tất", which goes to the satisfaction rating (then the wipe).
 */
import { HandOffNote } from './OfficialStatus.tsx';
import { useEffect, useState } from 'react';
import type { Submitted } from '../../../common/contract/kiosk-api.ts';
import { useKiosk } from '../app/context.ts';
import { loc } from '../i18n/index.ts';
import { Screen } from '../ui/Screen.tsx';
import { PaymentPanel } from '../payments/PaymentPanel.tsx';

/** Break the code at its dots and dashes so it reads (and wraps) in chunks. */
export function codeChunks(code: string): string[] {
  return code.split(/(?<=[.-])/);
}

export function Confirmation(props: { submitted: Submitted; serviceName: string; onFinish: () => void }) {
  const k = useKiosk();
  const { t, lang } = k;
  const s = props.submitted;
  const [receipt, setReceipt] = useState<{ state: string; reason: string | null; message: { vi: string; en: string } | null }>({ ...s.receipt, message: null });
  useEffect(() => {
    const off = k.client.on('receipt.status', (e) => {
      if (e.code === s.code) setReceipt({ state: e.state, reason: e.reason, message: e.message });
    });
    // Printing may have moved on before this page showed: ask once where it is.
    k.client
      .call('receipt.state', { code: s.code })
      .then((e) => setReceipt((now) => (now.state === 'printed' ? now : { state: e.state, reason: e.reason, message: e.message })))
      .catch(() => undefined);
    return off;
  }, [k.client, s.code]);
  const receiptText =
    receipt.state === 'printed'
      ? t('receiptPrinted')
      : receipt.state === 'failed'
        ? t('receiptFailed', { reason: receipt.message ? loc(lang, receipt.message).replace(/\.$/, '') : (receipt.reason ?? '') })
        : receipt.state === 'none'
          ? t('receiptNone')
          : t('receiptPrinting');
  return (
    <Screen name="confirmation" title={t('confirmTitle')} className="screen-confirmation">
      <div className="panel" data-testid="confirmation-panel">
        <p className="panel-service">{props.serviceName}</p>
        <p className="panel-label">{t('codeLabel')}</p>
        <p className="panel-code" data-testid="application-code">
          {codeChunks(s.code).map((c, i) => (
            <span key={i} className="code-chunk">
              {c}
            </span>
          ))}
        </p>
      </div>
      <div className={`receipt-status receipt-${receipt.state}`}>
        <p role="status" aria-live="polite" data-testid="receipt-status" data-state={receipt.state}>
          <span className="receipt-mark" aria-hidden="true">
            {receipt.state === 'printed' ? '✓' : receipt.state === 'failed' ? '!' : '…'}
          </span>{' '}
          {receiptText}
        </p>
        <img className="tracking-qr" data-testid="tracking-qr" src={s.trackingQr} alt={t('trackingQrAlt', { code: s.code })} width={220} height={220} />
        {s.trackingPin ? (
          <p className="tracking-pin" data-testid="tracking-pin">
            {t('trackingPinLine', { pin: `${s.trackingPin.slice(0, 4)} ${s.trackingPin.slice(4)}` })}
          </p>
        ) : null}
      </div>
      <HandOffNote state={s.handOff} officialNumber={s.officialNumber} lang={lang} />
      {s.delivery ? (
        <p className="delivery-confirmed" data-testid="delivery-confirmed">
          {t('deliveryReceipt', { how: loc(lang, s.delivery) })}
        </p>
      ) : null}
      {s.payment ? <PaymentPanel payment={s.payment} printed={receipt.state !== 'none'} /> : null}
      <p className="lead" data-voice>
        {t('codeNote')}
      </p>
      <section className="section" aria-labelledby="h-result">
        <h2 id="h-result">{t('expectedResult')}</h2>
        <p>{loc(lang, s.expectedResult)}</p>
      </section>
      {s.nextSteps.length > 0 ? (
        <section className="section" aria-labelledby="h-next">
          <h2 id="h-next">{t('nextStepsTitle')}</h2>
          <ol className="next-steps">
            {s.nextSteps.map((n, i) => (
              <li key={i}>{loc(lang, n)}</li>
            ))}
          </ol>
        </section>
      ) : null}
      <p data-voice>{t('finishNote')}</p>
      <button
        type="button"
        className="btn btn-primary btn-xl"
        data-testid="finish"
        onClick={props.onFinish}
      >
        {t('finish')} <span aria-hidden="true">✓</span>
      </button>
    </Screen>
  );
}
