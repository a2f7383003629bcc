/**
 * The on-screen keyboards. Layer: renderer. No physical keyboard is assumed.
 *
 *  - numbers, dates, ID and phone numbers: the numeric keypad (NumericKeypad.tsx);
 *  - text and long text (and search): the Vietnamese keyboard (TextKeyboard.tsx)
 *    with Telex, VNI and direct-diacritics layouts (entry.ts, direct.ts).
 *
 * The question screen only asks `keyboardFor(type)` and renders what it gets.
 */
import type { QuestionLike } from '../form/validate.ts';

export type KeyboardKind = 'numeric' | 'date' | 'text' | 'none';

export function keyboardFor(type: QuestionLike['type']): KeyboardKind {
  switch (type) {
    case 'number':
    case 'idNumber':
    case 'phone':
      return 'numeric';
    case 'date':
      return 'date';
    case 'text':
    case 'longText':
      return 'text';
    default:
      return 'none';
  }
}

/** What a keypad key does to the value (pure, used by NumericKeypad). */
export function applyKey(kind: 'numeric' | 'date', value: string, key: string, maxLength: number): string {
  if (key === 'delete') {
    if (kind === 'date') return value.replace(/\/$/, '').slice(0, -1);
    return value.slice(0, -1);
  }
  if (key === 'clear') return '';
  if (!/^\d$/.test(key)) return value;
  if (kind === 'date') {
    const digits = value.replace(/\D/g, '');
    if (digits.length >= 8) return value;
    const d = digits + key;
    if (d.length <= 2) return d.length === 2 ? d + '/' : d;
    if (d.length <= 4) return `${d.slice(0, 2)}/${d.slice(2)}${d.length === 4 ? '/' : ''}`;
    return `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`;
  }
  return value.length >= maxLength ? value : value + key;
}
