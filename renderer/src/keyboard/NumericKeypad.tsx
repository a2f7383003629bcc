/**
 * A big on-screen numeric keypad for numbers and dates (no physical keyboard
 * is assumed). Dates get their slashes as the digits are typed.
 */
import type { T } from '../i18n/index.ts';
import { applyKey } from './index.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'delete'] as const;

export function NumericKeypad(props: { kind: 'numeric' | 'date'; value: string; maxLength: number; onChange: (v: string) => void; t: T; controls: string }) {
  return (
    <div className="keypad" role="group" aria-label={props.t('keypadLabel')}>
      {KEYS.map((key) => (
        <button
          key={key}
          type="button"
          className={`btn keypad-key keypad-${key}`}
          data-testid={`key-${key}`}
          aria-controls={props.controls}
          onClick={() => props.onChange(applyKey(props.kind, props.value, key, props.maxLength))}
        >
          {key === 'delete' ? (
            <>
              <span aria-hidden="true">⌫</span>
              <span className="sr-only">{props.t('keyDelete')}</span>
            </>
          ) : key === 'clear' ? (
            props.t('keyClear')
          ) : (
            key
          )}
        </button>
      ))}
    </div>
  );
}
