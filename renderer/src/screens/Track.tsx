/**
 * Track an application: enter its code on a keypad (digits, ".", "-", the
 * agency letter; lower case accepted, separators added for the resident) →
 * `application.track` → a status timeline where every step has an icon and
 * words (never colour alone), or a polite "not found".
 */
import { useState } from 'react';
import { KioskError, type ResultOf } from '../../../common/contract/kiosk-api.ts';
import { useKiosk } from '../app/context.ts';
import { loc, type Lang, type StringKey } from '../i18n/index.ts';
import { Icon } from '../ui/Icon.tsx';
import { BackButton, Screen } from '../ui/Screen.tsx';
import { PaymentPanel } from '../payments/PaymentPanel.tsx';
import { deleteCodeKey, isCompleteCode, nextExpected, normalizeCode, typeCodeKey } from './track-code.ts';
import { OfficialStatus } from './OfficialStatus.tsx';
import { PIN_LENGTH, TrackPin } from './TrackPin.tsx';

type Status = ResultOf<'application.track'>['timeline'][number]['status'];
type Found = ResultOf<'application.track'>;

const ORDER: readonly Status[] = ['submitted', 'queued', 'received', 'processing', 'needs-more', 'done'];
const STATUS_TEXT: Record<Status, StringKey> = {
  submitted: 'stSubmitted',
  queued: 'stQueued',
  received: 'stReceived',
  processing: 'stProcessing',
  'needs-more': 'stNeedsMore',
  done: 'stDone',
};
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const PAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0', '-'] as const;

function when(lang: Lang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
}

export interface TimelineStep {
  status: Status;
  state: 'done' | 'current' | 'todo';
  at: string | null;
  note: { vi: string; en: string } | null;
}

/** The steps to show: what happened (last one current, or done), then the usual steps still to come. */
export function timelineSteps(entries: Found['timeline']): TimelineStep[] {
  const steps: TimelineStep[] = entries.map((e, i) => ({
    status: e.status,
    state: e.status === 'done' || i < entries.length - 1 ? 'done' : 'current',
    at: e.at,
    note: e.note,
  }));
  const last = entries[entries.length - 1]?.status;
  const from = last ? ORDER.indexOf(last) + 1 : 0;
  for (const s of ORDER.slice(from)) {
    if (s === 'needs-more') continue; // only shown when it happens
    if (!steps.some((x) => x.status === s)) steps.push({ status: s, state: 'todo', at: null, note: null });
  }
  return steps;
}

export function TrackScreen(props: { onBack: () => void }) {
  const k = useKiosk();
  const { t, lang } = k;
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [incomplete, setIncomplete] = useState(false);
  const [result, setResult] = useState<(Found & { code: string }) | null>(null);
  // The tracking PIN printed on the receipt (issue 17): asked when the kiosk says it is needed.
  const [pinFor, setPinFor] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [pinProblem, setPinProblem] = useState<'incomplete' | 'wrong' | null>(null);
  const expect = nextExpected(code);

  const edit = (next: string) => {
    setCode(next);
    setIncomplete(false);
    setResult(null);
    setPinFor(null);
    setPin('');
    setPinProblem(null);
  };

  const track = async () => {
    if (busy) return;
    const c = normalizeCode(code);
    if (!isCompleteCode(c)) {
      setIncomplete(true);
      return;
    }
    if (pinFor && pin.length !== PIN_LENGTH) {
      setPinProblem('incomplete');
      return;
    }
    setBusy(true);
    try {
      const r = await k.client.call('application.track', pinFor ? { code: c, pin } : { code: c });
      if (r.pinNeeded) setPinFor(c);
      else if (pinFor && !r.found) setPinProblem('wrong');
      else setResult({ ...r, code: c });
    } catch (e) {
      if (e instanceof KioskError && e.code === 'E_INVALID_PARAMS') setIncomplete(true);
      else k.reportError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen name="track" above={<BackButton onClick={props.onBack} label={t('back')} />} title={t('trackTitle')} lead={t('trackLead')}>
      {result && result.found ? (
        <section className="track-result" aria-labelledby="h-timeline" data-testid="track-result">
          <h2 id="h-timeline">{t('trackTimeline')}</h2>
          <p className="track-code">
            {t('trackLabel')}: <strong>{result.code}</strong>
          </p>
          {result.serviceName ? <p className="service-name-small">{t('trackService', { name: loc(lang, result.serviceName) })}</p> : null}
          {result.mayBeOutdated ? (
            <p className="callout track-outdated" data-testid="track-outdated" role="status">
              {t('trackOutdated')}
            </p>
          ) : null}
          {result.official ? <OfficialStatus official={result.official} lang={lang} /> : null}
          <ol className="timeline" data-testid="track-timeline">
            {timelineSteps(result.timeline).map((st, i) => (
              <li key={i} className={`timeline-step step-${st.state} status-${st.status}`} data-testid={`track-step-${st.status}`}>
                <span className="timeline-icon" aria-hidden="true">
                  {st.status === 'needs-more' ? '!' : st.state === 'done' ? '✓' : st.state === 'current' ? '●' : '○'}
                </span>
                <span className="timeline-body">
                  <span className="timeline-status">{t(STATUS_TEXT[st.status])}</span>
                  <span className="timeline-state">
                    {st.state === 'current' ? t('stCurrent') : st.state === 'todo' ? t('stNotYet') : t('stDoneAt')}
                    {st.at ? ` · ${when(lang, st.at)}` : ''}
                  </span>
                  {st.note ? <span className="timeline-note">{loc(lang, st.note)}</span> : null}
                </span>
              </li>
            ))}
          </ol>
          {result.payment ? <PaymentPanel payment={result.payment} showStatus /> : null}
          <button type="button" className="btn btn-secondary btn-xl" data-testid="track-again" onClick={() => edit('')}>
            {t('trackAnother')}
          </button>
        </section>
      ) : pinFor ? (
        <TrackPin code={pinFor} value={pin} onChange={(p) => (setPin(p), setPinProblem(null))} onSubmit={track} problem={pinProblem} busy={busy} t={t} />
      ) : (
      <div className="track-layout">
        <div className="track-entry">
          <label htmlFor="track-input" className="track-label">
            {t('trackLabel')}
          </label>
          <p className="hint" id="track-hint">
            {t('trackHint')}
          </p>
          <input
            id="track-input"
            className="input input-code"
            data-lv-public
            data-testid="track-input"
            type="text"
            inputMode="none"
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={code}
            maxLength={32}
            aria-invalid={incomplete ? true : undefined}
            aria-describedby={incomplete ? 'track-hint track-error' : 'track-hint'}
            onChange={(e) => edit(normalizeCode(e.target.value))}
          />
          {incomplete ? (
            <p className="field-error" id="track-error" data-testid="track-incomplete" role="alert">
              <span className="field-error-mark" aria-hidden="true">
                !
              </span>
              <span className="sr-only">{t('errorPrefix')} </span>
              {t('trackIncomplete')}
            </p>
          ) : null}
          <p className="track-next" aria-live="polite">
            {expect === 'letter' ? t('trackNextLetter') : ''}
          </p>
          <button type="button" className="btn btn-primary btn-xl" data-testid="track-submit" onClick={track} disabled={busy} aria-busy={busy}>
            {busy ? t('trackChecking') : t('trackSubmit')} <span aria-hidden="true">→</span>
          </button>
          {result && !result.found ? (
            <div className="callout callout-notfound" data-testid="track-not-found" role="status">
              <p>
                <span className="field-error-mark" aria-hidden="true">
                  ?
                </span>{' '}
                {t('trackNotFound')}
              </p>
            </div>
          ) : null}
        </div>

        <div className="track-pads" role="group" aria-label={t('trackKeypad')}>
          <div className="keypad track-keypad">
            {PAD.map((key) => (
              <button key={key} type="button" className="btn keypad-key" data-testid={`key-${key}`} aria-controls="track-input" onClick={() => edit(typeCodeKey(code, key))}>
                {key}
              </button>
            ))}
            <button type="button" className="btn keypad-key keypad-clear" data-testid="key-clear" aria-controls="track-input" onClick={() => edit('')}>
              {t('keyClear')}
            </button>
            <button type="button" className="btn keypad-key keypad-wide" data-testid="key-backspace" aria-controls="track-input" onClick={() => edit(deleteCodeKey(code))}>
              <Icon name="backspace" className="kb-icon" />
              <span className="sr-only">{t('keyDelete')}</span>
            </button>
          </div>
          <div className={`letter-pad ${expect === 'letter' ? 'is-next' : ''}`} role="group" aria-label={t('trackLetters')}>
            {[...LETTERS].map((c) => (
              <button key={c} type="button" className="btn kb-key" data-testid={`key-${c}`} aria-controls="track-input" onClick={() => edit(typeCodeKey(code, c))}>
                {c.toUpperCase()}
              </button>
            ))}
          </div>
        </div>
      </div>
      )}
    </Screen>
  );
}
