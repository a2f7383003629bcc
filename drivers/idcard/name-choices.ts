/**
 * The LSTM's own alternatives for each character of a name line. Tesseract with `lstm_choice_mode` 2
 * (ocr-pool.ts `choices`) writes, in its hOCR, for every character of every word the symbols its CTC
 * decoding considered with their scores ("x_confs"): "NGUYÊN" → Ê 85, Ẽ 64, Ế 55, Ễ 54. A tone that
 * every rendering reads the same wrong way is often the model's close second there — what a tie-break
 * (common/idcard/given-names.ts) needs.
 *
 * Pure string code on tesseract's hOCR (unit-tested on recorded output).
 */

/** One character's alternatives, best first: the symbol and its score (0..100). */
export interface CharChoice {
  ch: string;
  conf: number;
}

/** One word of the hOCR: its text and, when they line up one to one with its characters, each character's alternatives. */
export interface WordChoices {
  text: string;
  /** `chars[i]` are the alternatives of the i-th character of `text` (NFC), best first; absent when they do not line up. */
  chars?: CharChoice[][];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, e: string) => ENTITIES[e]!);

/** The words of a hOCR text with their characters' alternatives (lstm_choice_mode 2). */
export function parseChoices(hocr: string): WordChoices[] {
  const out: WordChoices[] = [];
  const parts = hocr.split(/<span class='ocrx_word'[^>]*>/).slice(1);
  for (const part of parts) {
    const text = unescape((/^([^<\n]*)/.exec(part)?.[1] ?? '').trim()).normalize('NFC');
    if (!text) continue;
    const groups = part.split(/<span class='ocrx_cinfo' id='lstm_choices_[^']*'>/).slice(1);
    const chars: CharChoice[][] = [];
    for (const g of groups) {
      const alts: CharChoice[] = [];
      for (const m of g.matchAll(/<span class='ocrx_cinfo' id='choice_[^']*' title='x_confs ([\d.]+)'>([^<]*)<\/span>/g)) {
        alts.push({ ch: unescape(m[2]!).normalize('NFC'), conf: Number(m[1]) });
      }
      alts.sort((a, b) => b.conf - a.conf);
      // A timestep whose best symbol is a space (the gap before the word) is not a character of it.
      if (alts.length === 0 || alts[0]!.ch.trim() === '') continue;
      chars.push(alts.filter((a) => a.ch.trim() !== ''));
    }
    const letters = [...text];
    const lined = chars.length === letters.length && chars.every((c, i) => c[0]?.ch === letters[i]);
    out.push(lined ? { text, chars } : { text });
  }
  return out;
}

/**
 * The spellings a word could be by the model's own alternatives: the word as read, and each
 * spelling with ONE character replaced by an alternative of the same base letter (only a mark or
 * tone differs: "Hai" → "Hải" when Ả was a candidate for A) scored at least `minConf` and within
 * `margin` of that character's best. Each with the alternative's score (the word as read: 100).
 */
export function markAlternatives(w: WordChoices, minConf = 20, margin = 60): { word: string; conf: number }[] {
  return oneCharAlternatives(w, minConf, margin, true);
}

/**
 * As `markAlternatives`, but with `sameBase` false any letter may replace the character (a word that
 * is no syllable at all: "ÑNH" with Á a close second → ÁNH).
 */
export function oneCharAlternatives(w: WordChoices, minConf: number, margin: number, sameBase: boolean): { word: string; conf: number }[] {
  const out = [{ word: w.text, conf: 100 }];
  if (!w.chars) return out;
  const letters = [...w.text];
  w.chars.forEach((alts, i) => {
    const best = alts[0];
    if (!best) return;
    for (const a of alts.slice(1)) {
      if (a.conf < minConf || best.conf - a.conf > margin || (sameBase && baseLetter(a.ch) !== baseLetter(best.ch))) continue;
      if (!/^\p{L}$/u.test(a.ch)) continue;
      const word = [...letters.slice(0, i), a.ch, ...letters.slice(i + 1)].join('');
      if (!out.some((o) => o.word === word)) out.push({ word, conf: a.conf });
    }
  });
  return out;
}

/** A letter without any mark, lower case ("Ễ" → "e", "Đ" → "d"). */
function baseLetter(ch: string): string {
  const b = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return b === 'đ' ? 'd' : b;
}
