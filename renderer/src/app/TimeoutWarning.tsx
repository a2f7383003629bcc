/**
 * The idle warning (WCAG 2.2.1): a visible countdown computed from `endsAt`,
 * announced politely at a few points (not every second), and one big button
 * to get more time.
 */
import { useEffect, useRef, useState } from 'react';
import { secondsLeft, shouldAnnounce } from '../session/countdown.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { useVoice } from '../voice/context.ts';
import { useKiosk } from './context.ts';

export function TimeoutWarning(props: { deadline: number; onExtended: () => void }) {
  const k = useKiosk();
  const { t } = k;
  const [now, setNow] = useState(() => Date.now());
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState(false);
  const announced = useRef<number | null>(null);
  const left = secondsLeft(props.deadline, now);
  const voice = useVoice();
  const readOnce = useRef({ voice, text: `${t('timeoutTitle')} ${t('timeoutBody')} ${left} ${t('timeoutSeconds')}. ${t('timeoutExtend')}.` });

  // Read aloud when it appears, if the resident uses voice guidance (UI text only).
  useEffect(() => {
    readOnce.current.voice?.announce(readOnce.current.text);
  }, []);

  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, []);

  useEffect(() => {
    if (announced.current === left) return;
    const first = announced.current === null;
    if (!shouldAnnounce(left, first)) return;
    announced.current = left;
    const id = setTimeout(() => setAnnouncement(t('timeoutAnnounce', { n: left })), 0);
    return () => clearTimeout(id);
  }, [left, t]);

  const extend = async () => {
    setBusy(true);
    try {
      await k.client.call('session.extend', {});
      props.onExtended();
    } catch (e) {
      k.reportError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      id="timeout"
      role="alertdialog"
      testId="timeout-warning"
      className="dialog-timeout"
      live
      title={t('timeoutTitle')}
      actions={
        <button type="button" className="btn btn-primary btn-xl" data-testid="timeout-extend" data-autofocus disabled={busy} onClick={extend}>
          {t('timeoutExtend')}
        </button>
      }
    >
      <p>{t('timeoutBody')}</p>
      <p className="countdown">
        <span className="countdown-number" data-testid="timeout-countdown">
          {left}
        </span>{' '}
        <span className="countdown-unit">{t('timeoutSeconds')}</span>
      </p>
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </Dialog>
  );
}
