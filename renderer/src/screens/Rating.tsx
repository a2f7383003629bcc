/**
 * Finish: a one-tap satisfaction rating (5 faces, each with a word), or "Bỏ
 * qua"; then a short thank-you and the wipe. Only the number (and the
 * service's code) is sent: no free text, nothing about the resident.
 */
import { useEffect, useRef, useState } from 'react';
import { useKiosk } from '../app/context.ts';
import type { StringKey } from '../i18n/index.ts';
import { Screen } from '../ui/Screen.tsx';

export const THANKS_MS = 3000;

const WORDS: Record<1 | 2 | 3 | 4 | 5, StringKey> = { 1: 'rating1', 2: 'rating2', 3: 'rating3', 4: 'rating4', 5: 'rating5' };
/** Mouths from a deep frown to a broad smile. */
const MOUTH: Record<1 | 2 | 3 | 4 | 5, string> = {
  1: 'M15 36q9-9 18 0',
  2: 'M16 34q8-5 16 0',
  3: 'M16 32h16',
  4: 'M16 30q8 5 16 0',
  5: 'M14 28q10 11 20 0',
};
const BROWS: Record<1 | 2 | 3 | 4 | 5, string> = { 1: 'M13 14l7 3M35 14l-7 3', 2: 'M14 16l6 1M34 16l-6 1', 3: '', 4: '', 5: '' };

export function Face(props: { n: 1 | 2 | 3 | 4 | 5 }) {
  return (
    <svg className="face" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="17" cy="20" r="2.6" fill="currentColor" />
      <circle cx="31" cy="20" r="2.6" fill="currentColor" />
      {BROWS[props.n] ? <path d={BROWS[props.n]} fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" /> : null}
      <path d={MOUTH[props.n]} fill="none" stroke="currentColor" strokeWidth="3.2" strokeLinecap="round" />
    </svg>
  );
}

export function RatingScreen(props: { serviceCode: string | null; onRated: () => void }) {
  const k = useKiosk();
  const { t } = k;
  const [sending, setSending] = useState<number | null>(null);
  const [skipping, setSkipping] = useState(false);

  const rate = async (n: 1 | 2 | 3 | 4 | 5) => {
    if (sending !== null || skipping) return;
    setSending(n);
    try {
      await k.client.call('feedback.submit', { rating: n, serviceCode: props.serviceCode });
    } catch {
      // A lost rating is no reason to keep the resident: thank and wipe anyway.
    }
    props.onRated();
  };

  return (
    <Screen name="rating" title={t('ratingTitle')} lead={t('ratingLead')}>
      <ul className="ratings">
        {([1, 2, 3, 4, 5] as const).map((n) => (
          <li key={n}>
            <button type="button" className={`rating rating-${n}`} data-testid={`rating-${n}`} disabled={sending !== null || skipping} aria-busy={sending === n} onClick={() => void rate(n)}>
              <Face n={n} />
              <span className="rating-word">{t(WORDS[n])}</span>
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="btn btn-secondary btn-xl rating-skip"
        data-testid="rating-skip"
        disabled={sending !== null || skipping}
        onClick={() => {
          setSkipping(true);
          void k.endSession('finished');
        }}
      >
        {t('ratingSkip')}
      </button>
    </Screen>
  );
}

export function ThanksScreen() {
  const k = useKiosk();
  const { t } = k;
  const end = useRef(k.endSession);
  useEffect(() => {
    const id = setTimeout(() => void end.current('finished'), THANKS_MS);
    return () => clearTimeout(id);
  }, []);
  return (
    <Screen name="thanks" title={t('thanksTitle')} lead={t('thanksLead')} className="screen-thanks">
      <div className="thanks-mark" aria-hidden="true">
        <Face n={5} />
      </div>
    </Screen>
  );
}
