/**
 * Understand a service: who it is for, what to bring, fee at the counter vs
 * online, legal time, and whether it can be done fully online here.
 */
import type { Service } from '../../../kiosk-config/catalogue.schema.ts';
import { useKiosk } from '../app/context.ts';
import { formatNumber, loc, type Lang, type T } from '../i18n/index.ts';
import { BackButton, Screen } from '../ui/Screen.tsx';

type Fee = Service['fee']['counter'];

export function feeText(lang: Lang, t: T, fee: Fee): string {
  const amount = fee.amountVnd === null ? t('feeVaries') : fee.amountVnd === 0 ? t('feeFree') : t('feeAmount', { amount: formatNumber(lang, fee.amountVnd) });
  return fee.note ? `${amount} — ${loc(lang, fee.note)}` : amount;
}

export function ServicePage(props: { service: Service; onBack: () => void; onApply: () => void; applying: boolean }) {
  const k = useKiosk();
  const { t, lang } = k;
  const s = props.service;
  const level = s.online.level;
  const levelName = level === 'toan-trinh' ? t('onlineFull') : level === 'mot-phan' ? t('onlinePartial') : t('onlineNone');
  const levelText = level === 'toan-trinh' ? t('onlineFullText') : level === 'mot-phan' ? t('onlinePartialText') : t('onlineNoneText');
  const canApply = s.questions.length > 0;

  return (
    <Screen name="service" report={`service:${s.code}`} above={<BackButton onClick={props.onBack} label={t('back')} />} title={loc(lang, s.name)} lead={loc(lang, s.summary)}>
      <p className="service-code">{t('serviceCode', { code: s.code })}</p>

      {canApply ? (
        <button type="button" className="btn btn-primary btn-xl" data-testid="service-apply" onClick={props.onApply} disabled={props.applying} aria-busy={props.applying}>
          {t('apply')} <span aria-hidden="true">→</span>
        </button>
      ) : (
        <p className="callout" data-testid="service-not-here">
          {t('applyNotHere')}
        </p>
      )}

      <div className="facts">
        <section className="fact" aria-labelledby="h-audience">
          <h2 id="h-audience">{t('audienceTitle')}</h2>
          <p>{loc(lang, s.audience)}</p>
        </section>

        <section className="fact" aria-labelledby="h-online">
          <h2 id="h-online">{t('onlineTitle')}</h2>
          <p className={`online-level online-${level}`} data-testid="online-level">
            <span className="badge">
              <span aria-hidden="true">{level === 'toan-trinh' ? '✓ ' : level === 'mot-phan' ? '◐ ' : '✕ '}</span>
              {levelName}
            </span>{' '}
            {levelText}
          </p>
          {s.online.reason ? (
            <p>
              <strong>{t('onlineWhy')}</strong> {loc(lang, s.online.reason)}
            </p>
          ) : null}
          {s.online.instead ? (
            <p>
              <strong>{t('onlineInstead')}</strong> {loc(lang, s.online.instead)}
            </p>
          ) : null}
          {s.online.essential ? <p className="note">{t('onlineEssential')}</p> : null}
        </section>

        <section className="fact" aria-labelledby="h-documents">
          <h2 id="h-documents">{t('documentsTitle')}</h2>
          {s.documents.length === 0 ? (
            <p>{t('documentsNone')}</p>
          ) : (
            <ul className="checklist">
              {s.documents.map((d, i) => (
                <li key={i}>
                  <span className="check-box" aria-hidden="true">
                    ☐
                  </span>
                  <span>
                    {loc(lang, d.text)} <span className="doc-flag">({d.required ? t('docRequired') : t('docOptional')})</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="fact" aria-labelledby="h-fee">
          <h2 id="h-fee">{t('feeTitle')}</h2>
          <dl className="fee">
            <div>
              <dt>{t('feeCounter')}</dt>
              <dd>{feeText(lang, t, s.fee.counter)}</dd>
            </div>
            <div>
              <dt>{t('feeOnline')}</dt>
              <dd>{feeText(lang, t, s.fee.online)}</dd>
            </div>
          </dl>
        </section>

        <section className="fact" aria-labelledby="h-time">
          <h2 id="h-time">{t('legalTimeTitle')}</h2>
          <p>{loc(lang, s.legalTime)}</p>
        </section>
      </div>
    </Screen>
  );
}
