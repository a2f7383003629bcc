/**
 * Staff exit: N taps within 3 s in the configured corner (an invisible 80×80
 * hit area) open a PIN pad → staff.unlock → a small staff menu → staff.exit.
 * Staff text follows the UI language like everything else.
 */
import { useMemo, useState } from 'react';
import { errorText } from './errors.ts';
import { createTapCounter } from '../staff/taps.ts';
import { StaffHub } from '../staff/Enrolment.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { useKiosk } from './context.ts';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;

export function StaffCorner(props: { onOpen: () => void }) {
  const k = useKiosk();
  const { corner, taps } = k.info.staffExit;
  const counter = useMemo(() => createTapCounter(taps, 3000), [taps]);
  return (
    <div
      className={`staff-corner staff-corner-${corner}`}
      data-testid="staff-corner"
      aria-hidden="true"
      onPointerDown={(e) => {
        e.preventDefault();
        if (counter.tap()) props.onOpen();
      }}
    />
  );
}

export function StaffPanel(props: { onClose: () => void }) {
  const k = useKiosk();
  const { t } = k;
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [unlocked, setUnlocked] = useState(false);
  const [exiting, setExiting] = useState(false);
  const [busy, setBusy] = useState(false);

  const unlock = async () => {
    if (pin.length < 6 || busy) {
      setMessage(t('staffPinWrong'));
      return;
    }
    setBusy(true);
    try {
      const r = await k.client.call('staff.unlock', { pin });
      if (r.unlocked) setUnlocked(true);
      else setMessage(r.retryAfterSeconds > 0 ? t('staffPinLocked', { n: r.retryAfterSeconds }) : t('staffPinWrong'));
    } catch (e) {
      setMessage(errorText(e)[k.lang]);
    } finally {
      setPin('');
      setBusy(false);
    }
  };

  const exit = async () => {
    try {
      const r = await k.client.call('staff.exit', {});
      if (r.exiting) setExiting(true);
    } catch (e) {
      k.reportError(e);
    }
  };

  if (unlocked) {
    return (
      <Dialog
        id="staff-menu"
        testId="staff-menu"
        title={t('staffMenuTitle')}
        actions={
          <>
            <button type="button" className="btn btn-danger" data-testid="staff-exit" onClick={exit} disabled={exiting}>
              {t('staffExit')}
            </button>
            <button type="button" className="btn btn-secondary" data-testid="staff-close" onClick={props.onClose}>
              {t('close')}
            </button>
          </>
        }
      >
        <p className="note">
          {k.info.kioskId} · {k.info.appVersion} · {k.info.configVersion}
        </p>
        <StaffHub />
        {exiting ? <p role="status">{t('staffExiting')}</p> : null}
      </Dialog>
    );
  }

  return (
    <Dialog
      id="staff-pin"
      testId="staff-pin"
      title={t('staffPinTitle')}
      actions={
        <>
          <button type="button" className="btn btn-primary" data-testid="pin-ok" onClick={unlock} disabled={busy}>
            {t('ok')}
          </button>
          <button type="button" className="btn btn-secondary" data-testid="pin-cancel" onClick={props.onClose}>
            {t('cancel')}
          </button>
        </>
      }
    >
      <p className="pin-dots" aria-live="polite">
        <span aria-hidden="true">{'●'.repeat(pin.length) || ' '}</span>
        <span className="sr-only">{t('staffPinEntered', { n: pin.length })}</span>
      </p>
      {message ? (
        <p className="field-error" role="alert" data-testid="pin-message">
          {message}
        </p>
      ) : null}
      <div className="keypad keypad-pin">
        {DIGITS.map((d) => (
          <button
            key={d}
            type="button"
            className="btn keypad-key"
            data-testid={`pin-${d}`}
            onClick={() => {
              setMessage(null);
              setPin((p) => (p.length < 12 ? p + d : p));
            }}
          >
            {d}
          </button>
        ))}
        <button type="button" className="btn keypad-key" data-testid="pin-delete" onClick={() => setPin((p) => p.slice(0, -1))}>
          <span aria-hidden="true">⌫</span>
          <span className="sr-only">{t('keyDelete')}</span>
        </button>
      </div>
    </Dialog>
  );
}
