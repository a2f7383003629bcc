/**
 * Search results: which words of a service name to emphasise for a query.
 * Layer: renderer, pure. A name word is emphasised when, folded (no
 * diacritics, đ → d), it equals a query word — as typed, or read as Telex or
 * VNI — or starts with the last query word (still being typed), or is one
 * typo away from a query word of 5+ letters: the same forgiveness as the
 * search itself (common/text/search.ts).
 */
import { fold } from '../../../common/text/fold.ts';
import { queryVariants, TYPO_MIN_LENGTH, withinOneEdit } from '../../../common/text/search.ts';

export interface Segment {
  text: string;
  hit: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function highlight(text: string, query: string): Segment[] {
  const words = query.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  if (words.length === 0) return text === '' ? [] : [{ text, hit: false }];
  const lastIndex = words.length - 1;
  const wanted = words.map((w, i) => ({ variants: queryVariants(w), prefix: i === lastIndex && !/\s$/.test(query) }));
  const matches = (word: string): boolean => {
    const f = fold(word);
    return wanted.some(({ variants, prefix }) =>
      variants.some((v) => f === v || (prefix && f.startsWith(v)) || (v.length >= TYPO_MIN_LENGTH && f.length >= TYPO_MIN_LENGTH && withinOneEdit(f, v))),
    );
  };
  const out: Segment[] = [];
  const push = (s: string, hit: boolean) => {
    if (s === '') return;
    const prev = out[out.length - 1];
    if (prev && prev.hit === hit) prev.text += s;
    else out.push({ text: s, hit });
  };
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    push(text.slice(at, m.index), false);
    push(m[0], matches(m[0]));
    at = m.index + m[0].length;
  }
  push(text.slice(at), false);
  return out;
}
