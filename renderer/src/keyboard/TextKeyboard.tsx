/**
 * The on-screen keyboard for Vietnamese text: three layouts behind big tabs —
 * Telex, VNI (keys go through the shared composer) and "Bấm dấu" (direct
 * diacritics: letters, then tone and mark keys). No physical keyboard is
 * assumed; every key is a ≥ 64×64 px button with pressed feedback.
 *
 * Controlled: the parent owns `value` and the layout (remembered for the
 * session in React state only). The key logic is ./entry.ts.
 */
import { createContext, useContext, useRef, useState } from 'react';
import { useKiosk } from '../app/context.ts';
import type { StringKey } from '../i18n/index.ts';
import { Icon } from '../ui/Icon.tsx';
import { MARKS, markLetter, TONES, toneSample, type MarkName, type ToneName } from './direct.ts';
import { createTextEntry, LAYOUTS, type Layout, type Shift, type TextEntry } from './entry.ts';

const DIGITS = '1234567890';
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;
const PUNCT = [',', '.', '-', '/'] as const;

const LAYOUT_NAME: Record<Layout, StringKey> = { telex: 'kbTelex', vni: 'kbVni', direct: 'kbDirect' };
const LAYOUT_HINT: Record<Layout, StringKey> = { telex: 'kbTelexHint', vni: 'kbVniHint', direct: 'kbDirectHint' };
const TONE_NAME: Record<ToneName, StringKey> = { sac: 'toneSac', huyen: 'toneHuyen', hoi: 'toneHoi', nga: 'toneNga', nang: 'toneNang' };

/** The layout chosen in this session (ResidentApp's state; never storage). */
export const KeyboardLayoutContext = createContext<{ layout: Layout; setLayout: (l: Layout) => void }>({ layout: 'direct', setLayout: () => undefined });

export interface TextKeyboardProps {
  value: string;
  onChange: (value: string) => void;
  /** Capitalise the first letter of each word (name questions). */
  autoCapitalize?: boolean;
  maxLength?: number;
  /** id of the field the keys type into. */
  controls: string;
}

export function TextKeyboard(props: TextKeyboardProps) {
  const { t } = useKiosk();
  const { layout, setLayout } = useContext(KeyboardLayoutContext);
  const entry = useRef<TextEntry | null>(null);
  const [shift, setShift] = useState<Shift>('off');

  function engine(): TextEntry {
    if (!entry.current) {
      entry.current = createTextEntry({ layout: layout, text: props.value, autoCapitalize: props.autoCapitalize === true, maxLength: props.maxLength ?? Infinity });
    }
    const e = entry.current;
    e.setLayout(layout);
    e.setText(props.value); // typed or cleared another way: start over from it
    return e;
  }

  const run = (op: (e: TextEntry) => string) => {
    const e = engine();
    const next = op(e);
    setShift(e.shift());
    if (next !== props.value) props.onChange(next);
  };

  const atWordStart = !/\p{L}$/u.test(props.value);
  const upper = shift !== 'off' || (props.autoCapitalize === true && atWordStart);
  const label = (ch: string) => (upper ? ch.toUpperCase() : ch);

  const key = (ch: string, extra = '') => (
    <button key={ch} type="button" className={`btn kb-key ${extra}`} data-testid={`key-${ch}`} aria-controls={props.controls} onClick={() => run((e) => e.key(ch))}>
      {/[a-z]/.test(ch) ? label(ch) : ch}
    </button>
  );

  return (
    <div className={`keyboard keyboard-${layout}`} data-testid="keyboard" role="group" aria-label={t('keyboardLabel')}>
      <div className="kb-tabs" role="radiogroup" aria-label={t('kbLayoutGroup')}>
        {LAYOUTS.map((l) => (
          <button
            key={l}
            type="button"
            role="radio"
            aria-checked={layout === l}
            className="btn kb-tab"
            data-testid={`kb-${l}`}
            onClick={() => {
              setLayout(l);
              engine().setLayout(l);
            }}
          >
            <span className="kb-tab-mark" aria-hidden="true">
              {layout === l ? '●' : '○'}
            </span>
            {t(LAYOUT_NAME[l])}
          </button>
        ))}
      </div>
      <p className="kb-hint">{t(LAYOUT_HINT[layout])}</p>

      {layout === 'direct' ? (
        <div className="kb-row kb-row-accents">
          <div className="kb-group kb-group-tones" role="group" aria-label={t('kbTones')}>
            {TONES.map((tone) => (
              <button key={tone} type="button" className="btn kb-key kb-tone" data-testid={`tone-${tone}`} aria-controls={props.controls} onClick={() => run((e) => e.tone(tone))}>
                <span className="kb-tone-sample" aria-hidden="true">
                  {toneSample(tone)}
                </span>
                <span className="kb-tone-name">{t(TONE_NAME[tone])}</span>
              </button>
            ))}
          </div>
          <div className="kb-group kb-group-marks" role="group" aria-label={t('kbMarks')}>
            {MARKS.map((m: MarkName) => (
              <button key={m} type="button" className="btn kb-key kb-mark" data-testid={`mark-${m}`} aria-controls={props.controls} onClick={() => run((e) => e.mark(m))}>
                {label(markLetter(m))}
              </button>
            ))}
          </div>
        </div>
      ) : null}

      <div className="kb-row">{[...DIGITS].map((d) => key(d, 'kb-digit'))}</div>
      <div className="kb-row">{[...ROWS[0]].map((c) => key(c))}</div>
      <div className="kb-row kb-row-2">{[...ROWS[1]].map((c) => key(c))}</div>
      <div className="kb-row">
        <button
          type="button"
          className={`btn kb-key kb-wide kb-shift shift-${shift}`}
          data-testid="key-shift"
          aria-pressed={shift !== 'off'}
          onClick={() =>
            run((e) => {
              e.toggleShift();
              return e.text();
            })
          }
        >
          <Icon name="shift" className="kb-icon" />
          <span className="kb-key-word">{shift === 'lock' ? t('keyShiftLock') : shift === 'once' ? t('keyShiftOnce') : t('keyShift')}</span>
        </button>
        {[...ROWS[2]].map((c) => key(c))}
        <button type="button" className="btn kb-key kb-wide" data-testid="key-backspace" aria-controls={props.controls} onClick={() => run((e) => e.backspace())}>
          <Icon name="backspace" className="kb-icon" />
          <span className="kb-key-word">{t('keyDelete')}</span>
        </button>
      </div>
      <div className="kb-row">
        <button type="button" className="btn kb-key kb-wide" data-testid="key-clear" aria-controls={props.controls} onClick={() => run((e) => e.clear())}>
          {t('keyClear')}
        </button>
        {PUNCT.slice(0, 2).map((c) => key(c))}
        <button type="button" className="btn kb-key kb-space" data-testid="key-space" aria-controls={props.controls} onClick={() => run((e) => e.space())}>
          {t('keySpace')}
        </button>
        {PUNCT.slice(2).map((c) => key(c))}
      </div>
    </div>
  );
}
