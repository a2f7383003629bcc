/**
 * The on-screen keyboard's state machine: what each key does to the text.
 * Layer: renderer, pure (no DOM, no React) so it is unit-tested directly.
 *
 *  - Telex and VNI: every key goes through the shared composer
 *    (common/text/ime.ts), which keeps its own undo state while the layout stays.
 *  - Direct diacritics: letters are typed as they are, tone and mark keys are
 *    applied to the word being typed (./direct.ts).
 *  - Shift: off → once (next letter upper case) → lock (caps) → off.
 *  - autoCapitalize (name questions): the first letter of each word is upper case.
 *  - maxLength: a key that would make the text longer is ignored.
 */
import { createComposer, type Composer } from '../../../common/text/ime.ts';
import { applyMark, applyTone, typeDirect, type MarkName, type ToneName } from './direct.ts';

export type Layout = 'telex' | 'vni' | 'direct';
export const LAYOUTS: readonly Layout[] = ['telex', 'vni', 'direct'];
export type Shift = 'off' | 'once' | 'lock';

export interface EntryOptions {
  layout: Layout;
  text?: string;
  autoCapitalize?: boolean;
  maxLength?: number;
}

export interface TextEntry {
  readonly layout: Layout;
  text(): string;
  shift(): Shift;
  /** Whether the next letter key types an upper-case letter (for the key labels). */
  upperNext(): boolean;
  setLayout(layout: Layout): void;
  /** The text changed from outside (another input path): start over from it. */
  setText(text: string): void;
  /** A letter, digit or punctuation key. */
  key(ch: string): string;
  space(): string;
  backspace(): string;
  clear(): string;
  tone(tone: ToneName): string;
  mark(mark: MarkName): string;
  toggleShift(): Shift;
}

const LETTER = /^\p{L}$/u;

function length(s: string): number {
  return Array.from(s).length;
}

export function createTextEntry(options: EntryOptions): TextEntry {
  let layout: Layout = options.layout;
  let composer: Composer | null = null;
  let direct = '';
  let shift: Shift = 'off';
  const max = options.maxLength ?? Infinity;
  const autoCap = options.autoCapitalize === true;

  function text(): string {
    return composer ? composer.text() : direct;
  }

  function load(layoutNow: Layout, value: string): void {
    layout = layoutNow;
    if (layoutNow === 'direct') {
      composer = null;
      direct = value.normalize('NFC');
    } else {
      composer = createComposer(layoutNow);
      composer.setText(value);
    }
  }

  function atWordStart(): boolean {
    const t = text();
    const last = t[t.length - 1];
    return last === undefined || !LETTER.test(last);
  }

  function upperNext(): boolean {
    return shift !== 'off' || (autoCap && atWordStart());
  }

  /** Run a change; undo it when it makes the text too long. */
  function change(f: () => void): string {
    const before = text();
    f();
    if (length(text()) > max) {
      if (composer) composer.setText(before);
      else direct = before;
    }
    return text();
  }

  load(layout, options.text ?? '');

  return {
    get layout() {
      return layout;
    },
    text,
    shift: () => shift,
    upperNext,
    setLayout(next: Layout): void {
      if (next !== layout) load(next, text());
    },
    setText(value: string): void {
      if (value !== text()) load(layout, value);
    },
    key(ch: string): string {
      const isLetter = LETTER.test(ch);
      const c = isLetter && upperNext() ? ch.toUpperCase() : ch;
      if (isLetter && shift === 'once') shift = 'off';
      return change(() => {
        if (composer) composer.press(c);
        else direct = typeDirect(direct, c);
      });
    },
    space(): string {
      return change(() => {
        if (composer) composer.press(' ');
        else direct += ' ';
      });
    },
    backspace(): string {
      if (composer) return composer.backspace();
      direct = Array.from(direct).slice(0, -1).join('');
      return direct;
    },
    clear(): string {
      if (composer) composer.reset();
      else direct = '';
      return text();
    },
    tone(t: ToneName): string {
      return change(() => {
        const next = applyTone(text(), t);
        if (composer) composer.setText(next);
        else direct = next;
      });
    },
    mark(m: MarkName): string {
      const upper = upperNext();
      if (shift === 'once' && atWordStart()) shift = 'off';
      return change(() => {
        const next = applyMark(text(), m, upper);
        if (composer) composer.setText(next);
        else direct = next;
      });
    },
    toggleShift(): Shift {
      shift = shift === 'off' ? 'once' : shift === 'once' ? 'lock' : 'off';
      return shift;
    },
  };
}

/** Name questions get a capital at the start of each word ("nguyễn văn an" → "Nguyễn Văn An"). */
export function isNameQuestion(q: { id: string; autofill?: string | { person: string; field: string } | undefined }): boolean {
  const field = typeof q.autofill === 'object' ? q.autofill.field : q.autofill;
  return field === 'fullName' || /name$/i.test(q.id);
}
