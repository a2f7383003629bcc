/**
 * The tracking PIN step of the track screen (issue 17, finding 6): after the code, the 8-digit PIN
 * printed on the receipt under the QR, on a large digit keypad. Nothing of the application is shown
 * without it. The PIN field is not marked public, so a helping volunteer's live view masks it.
 * Layer: renderer (React).
 */
import { Icon } from '../ui/Icon.tsx';
import type { StringKey, T } from '../i18n/index.ts';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
export const PIN_LENGTH = 8;

/** The PIN as typed: digits only, at most 8 (anything else pasted or typed is dropped). */
export const cleanPin = (s: string): string => s.normalize('NFKC').replace(/\D/g, '').slice(0, PIN_LENGTH);

export function TrackPin(props: {
  code: string;
  value: string;
  onChange: (pin: string) => void;
  onSubmit: () => void;
  problem: 'incomplete' | 'wrong' | null;
  busy: boolean;
  t: T;
}) {
  const { t, value } = props;
  const errorKey: StringKey | null = props.problem === 'incomplete' ? 'trackPinIncomplete' : props.problem === 'wrong' ? 'trackPinWrong' : null;
  return (
    <div className="track-layout" data-testid="track-pin">
      <div className="track-entry">
        <p className="track-code">{t('trackPinFor', { code: props.code })}</p>
        <label htmlFor="track-pin-input" className="track-label">
          {t('trackPinLabel')}
        </label>
        <p className="hint" id="track-pin-hint">
          {t('trackPinHint')}
        </p>
        <input
          id="track-pin-input"
          className="input input-code"
          data-testid="track-pin-input"
          type="text"
          inputMode="none"
          autoComplete="off"
          spellCheck={false}
          value={value.length > 4 ? `${value.slice(0, 4)} ${value.slice(4)}` : value}
          maxLength={PIN_LENGTH + 1}
          aria-invalid={errorKey ? true : undefined}
          aria-describedby={errorKey ? 'track-pin-hint track-pin-error' : 'track-pin-hint'}
          onChange={(e) => props.onChange(cleanPin(e.target.value))}
        />
        {errorKey ? (
          <p className="field-error" id="track-pin-error" data-testid={`track-pin-${props.problem}`} role="alert">
            <span className="field-error-mark" aria-hidden="true">
              !
            </span>
            <span className="sr-only">{t('errorPrefix')} </span>
            {t(errorKey)}
          </p>
        ) : null}
        <button type="button" className="btn btn-primary btn-xl" data-testid="track-pin-submit" onClick={props.onSubmit} disabled={props.busy} aria-busy={props.busy}>
          {props.busy ? t('trackChecking') : t('trackPinSubmit')} <span aria-hidden="true">→</span>
        </button>
      </div>
      <div className="track-pads" role="group" aria-label={t('trackPinKeypad')}>
        <div className="keypad track-keypad">
          {DIGITS.map((d) => (
            <button key={d} type="button" className="btn keypad-key" data-testid={`pin-key-${d}`} aria-controls="track-pin-input" onClick={() => props.onChange(cleanPin(value + d))}>
              {d}
            </button>
          ))}
          <button type="button" className="btn keypad-key keypad-clear" data-testid="pin-key-clear" aria-controls="track-pin-input" onClick={() => props.onChange('')}>
            {t('keyClear')}
          </button>
          <button type="button" className="btn keypad-key keypad-wide" data-testid="pin-key-backspace" aria-controls="track-pin-input" onClick={() => props.onChange(value.slice(0, -1))}>
            <Icon name="backspace" className="kb-icon" />
            <span className="sr-only">{t('keyDelete')}</span>
          </button>
        </div>
      </div>
    </div>
  );
}
