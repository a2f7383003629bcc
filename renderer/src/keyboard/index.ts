/**
 * The on-screen keyboard seam. Layer: renderer.
 *
 * Today: a numeric keypad for numbers, dates, ID and phone numbers
 * (NumericKeypad.tsx); text questions use the native input.
 *
 * Next (the Vietnamese keyboard issue): a `Composer` for Telex and VNI, plus a
 * direct-diacritics layout, rendered as `<TextKeyboard value onChange composer>`
 * next to text/longText questions. The question screen only asks
 * `keyboardFor(type)` and renders what it gets, so the new keyboard plugs in here.
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

/** A key composer turns the buffer and one key into the new buffer (Telex/VNI later). */
export interface Composer {
  readonly id: 'telex' | 'vni' | 'direct' | 'plain';
  input(buffer: string, key: string): string;
}

export const plainComposer: Composer = { id: 'plain', input: (buffer, key) => buffer + key };

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
