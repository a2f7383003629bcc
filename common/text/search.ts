/**
 * Catalogue search for the "Find" screen: forgives missing diacritics, Telex
 * and VNI typed words, one typo in longer words and an unfinished last word,
 * and answers within a frame on a 2,000-procedure catalogue.
 *
 * How: every text is folded (fold.ts) into words at build time; words get ids
 * in one vocabulary with postings (which services, in which fields). A query
 * word is expanded to vocabulary ids (exact, prefix for the last word, one
 * edit for words of 5+ letters), postings mark per-service bit fields in
 * preallocated typed arrays, and a single pass scores the touched services
 * into a small top-k buffer. No per-service objects are created per keystroke.
 *
 * Ranking (highest first), ties broken by popularity, then code:
 *   6 national code          "1.001193", "001193"
 *   5 whole phrase in name    "khai sinh" in "Đăng ký khai sinh" (+200 when it is the whole name)
 *   4 all words in name       "sinh khai"
 *   3 all words in name, some only as a prefix or with a typo ("khai si") (+50 in order)
 *   2 all words in name or keywords
 *   1 all words somewhere (category, summary)
 *   0 only some words (more words first, name > keywords > elsewhere) — shown
 *     only when nothing matches every word
 *
 * Layer: common — pure code.
 */
import type { Category, Service } from '../../kiosk-config/catalogue.schema.ts';
import { fold, foldWords } from './fold.ts';
import { telexToVi, vniToVi } from './ime.ts';

export type SearchLang = 'vi' | 'en';
export type MatchField = 'code' | 'name' | 'keywords' | 'category' | 'summary';

export interface SearchHit {
  service: Service;
  code: string;
  score: number;
  /** Where the query matched best. */
  field: MatchField;
}

export interface SearchIndex {
  readonly size: number;
  readonly vocabularySize: number;
  search(query: string, lang?: SearchLang, limit?: number): SearchHit[];
}

const NAME_VI = 1;
const NAME_EN = 2;
const KEYWORD = 4;
const CATEGORY = 8;
const SUMMARY = 16;
const NAMES = NAME_VI | NAME_EN;
const NAME_OR_KEYWORD = NAMES | KEYWORD;
const ALL = NAME_OR_KEYWORD | CATEGORY | SUMMARY;

/** Query words beyond this many are ignored (a token is a bit in a byte). */
export const MAX_QUERY_WORDS = 8;
/** Words this long or longer may have one typo. */
export const TYPO_MIN_LENGTH = 5;

const TIER = 1000;

/** Optimal-string-alignment distance ≤ 1 (one insertion, deletion, substitution or swap). */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la === lb) {
    let i = 0;
    while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i >= la - 1) return true;
    // substitution at i
    let j = i + 1;
    while (j < la && a.charCodeAt(j) === b.charCodeAt(j)) j++;
    if (j === la) return true;
    // swap of i and i+1
    if (a.charCodeAt(i) !== b.charCodeAt(i + 1) || a.charCodeAt(i + 1) !== b.charCodeAt(i)) return false;
    for (j = i + 2; j < la; j++) if (a.charCodeAt(j) !== b.charCodeAt(j)) return false;
    return true;
  }
  if (la - lb === 1) return oneDeletion(a, b);
  if (lb - la === 1) return oneDeletion(b, a);
  return false;
}

/** Is `short` equal to `long` with one character removed? */
function oneDeletion(long: string, short: string): boolean {
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  for (let j = i; j < short.length; j++) if (long.charCodeAt(j + 1) !== short.charCodeAt(j)) return false;
  return true;
}

/** The forms a typed word may stand for: as folded, as Telex, as VNI (deduplicated). */
export function queryVariants(word: string): string[] {
  const out: string[] = [];
  const add = (w: string): void => {
    const f = fold(w).replace(/[^\p{L}\p{N}]/gu, '');
    if (f !== '' && !out.includes(f)) out.push(f);
  };
  add(word);
  add(telexToVi(word));
  if (/\d/.test(word)) add(vniToVi(word));
  return out;
}

const CODE_QUERY = /^\d[\d.]*$/;

export function createSearchIndex(services: readonly Service[], categories: readonly Category[] = []): SearchIndex {
  const N = services.length;
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const postDocsB: number[][] = [];
  const postBitsB: number[][] = [];

  function termId(t: string): number {
    let id = termIds.get(t);
    if (id === undefined) {
      id = terms.length;
      termIds.set(t, id);
      terms.push(t);
      postDocsB.push([]);
      postBitsB.push([]);
    }
    return id;
  }

  function add(text: string, doc: number, bit: number): number[] {
    const ids: number[] = [];
    for (const w of foldWords(text)) {
      const id = termId(w);
      ids.push(id);
      const docs = postDocsB[id]!;
      const bits = postBitsB[id]!;
      const last = docs.length - 1;
      if (last >= 0 && docs[last] === doc) bits[last]! |= bit;
      else {
        docs.push(doc);
        bits.push(bit);
      }
    }
    return ids;
  }

  const categoryName = new Map<string, string>();
  for (const c of categories) categoryName.set(c.id, `${c.name.vi} ${c.name.en}`);

  const nameVi: Int32Array[] = [];
  const nameEn: Int32Array[] = [];
  const codes: string[] = [];
  const codeDigits: string[] = [];
  const popularity = new Float64Array(N);
  for (let d = 0; d < N; d++) {
    const s = services[d]!;
    nameVi.push(Int32Array.from(add(s.name.vi, d, NAME_VI)));
    nameEn.push(Int32Array.from(add(s.name.en, d, NAME_EN)));
    for (const k of s.keywords) add(k, d, KEYWORD);
    for (const f of [s.field, ...s.alsoIn]) {
      const n = categoryName.get(f);
      if (n !== undefined) add(n, d, CATEGORY);
    }
    add(s.summary.vi, d, SUMMARY);
    add(s.summary.en, d, SUMMARY);
    add(s.audience.vi, d, SUMMARY);
    add(s.audience.en, d, SUMMARY);
    codes.push(s.code);
    codeDigits.push(s.code.replace(/\D/g, ''));
    popularity[d] = s.popularity;
  }

  const V = terms.length;
  const postDocs = postDocsB.map((a) => Int32Array.from(a));
  const postBits = postBitsB.map((a) => Uint8Array.from(a));
  const sorted = terms.map((t, id) => ({ t, id })).sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  const sortedTerms = sorted.map((x) => x.t);
  const sortedIds = Int32Array.from(sorted.map((x) => x.id));
  const byLength = new Map<number, Int32Array>();
  {
    const groups = new Map<number, number[]>();
    for (let id = 0; id < V; id++) {
      const l = terms[id]!.length;
      let g = groups.get(l);
      if (!g) groups.set(l, (g = []));
      g.push(id);
    }
    for (const [l, g] of groups) byLength.set(l, Int32Array.from(g));
  }

  // Per-query scratch, allocated once.
  const anyAcc = new Uint8Array(MAX_QUERY_WORDS * N);
  const exactAcc = new Uint8Array(MAX_QUERY_WORDS * N);
  const touched = new Int32Array(N);
  const touchedFlag = new Uint8Array(N);
  let touchedCount = 0;
  const termAny = new Uint8Array(V);
  const termExact = new Uint8Array(V);
  const touchedTerms = new Int32Array(V);
  let touchedTermCount = 0;

  function mark(id: number, tok: number, exact: boolean): void {
    const bit = 1 << tok;
    if ((termAny[id]! & bit) !== 0 && (!exact || (termExact[id]! & bit) !== 0)) return;
    if (termAny[id] === 0) touchedTerms[touchedTermCount++] = id;
    termAny[id]! |= bit;
    if (exact) termExact[id]! |= bit;
    const docs = postDocs[id]!;
    const bits = postBits[id]!;
    const base = tok * N;
    for (let j = 0; j < docs.length; j++) {
      const d = docs[j]!;
      const b = bits[j]!;
      anyAcc[base + d]! |= b;
      if (exact) exactAcc[base + d]! |= b;
      if (touchedFlag[d] === 0) {
        touchedFlag[d] = 1;
        touched[touchedCount++] = d;
      }
    }
  }

  function lowerBound(prefix: string): number {
    let lo = 0;
    let hi = sortedTerms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortedTerms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function expand(word: string, tok: number, isPrefix: boolean): void {
    for (const v of queryVariants(word)) {
      const id = termIds.get(v);
      if (id !== undefined) mark(id, tok, true);
      if (isPrefix) {
        for (let i = lowerBound(v); i < sortedTerms.length && sortedTerms[i]!.startsWith(v); i++) mark(sortedIds[i]!, tok, false);
      }
      if (v.length >= TYPO_MIN_LENGTH) {
        for (let l = v.length - 1; l <= v.length + 1; l++) {
          const group = byLength.get(l);
          if (!group) continue;
          for (let i = 0; i < group.length; i++) {
            const t = group[i]!;
            if (withinOneEdit(v, terms[t]!)) mark(t, tok, false);
          }
        }
      }
    }
  }

  /** Start of the query words, in order, in a name; -1 if they are not there as a phrase. */
  function phraseAt(ids: Int32Array, masks: Uint8Array, k: number): number {
    for (let s = 0; s + k <= ids.length; s++) {
      let ok = true;
      for (let i = 0; i < k; i++) {
        if (((masks[ids[s + i]!]! >> i) & 1) === 0) {
          ok = false;
          break;
        }
      }
      if (ok) return s;
    }
    return -1;
  }

  function allOf(acc: Uint8Array, d: number, k: number, mask: number): boolean {
    for (let i = 0; i < k; i++) if ((acc[i * N + d]! & mask) === 0) return false;
    return true;
  }

  function better(sa: number, da: number, sb: number, db: number): boolean {
    if (sa !== sb) return sa > sb;
    const pa = popularity[da]!;
    const pb = popularity[db]!;
    if (pa !== pb) return pa > pb;
    return codes[da]! < codes[db]!;
  }

  function searchCodes(q: string, limit: number): SearchHit[] | null {
    const digits = q.replace(/\D/g, '');
    if (digits.length < 3) return null;
    const hits: { d: number; score: number }[] = [];
    for (let d = 0; d < N; d++) {
      const code = codes[d]!;
      if (code === q) hits.push({ d, score: 6 * TIER + 500 });
      else if (code.startsWith(q) || codeDigits[d]!.includes(digits)) hits.push({ d, score: 6 * TIER });
    }
    if (hits.length === 0) return null;
    hits.sort((a, b) => (better(a.score, a.d, b.score, b.d) ? -1 : 1));
    return hits.slice(0, limit).map((h) => ({ service: services[h.d]!, code: codes[h.d]!, score: h.score, field: 'code' as const }));
  }

  function search(query: string, lang: SearchLang = 'vi', limit = 10): SearchHit[] {
    if (limit <= 0) return [];
    const trimmed = query.trim();
    if (trimmed === '') return [];
    if (CODE_QUERY.test(trimmed)) {
      const byCode = searchCodes(trimmed, limit);
      if (byCode) return byCode;
    }
    const words = query
      .normalize('NFC')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '')
      .slice(0, MAX_QUERY_WORDS);
    const k = words.length;
    if (k === 0) return [];
    const lastIsPrefix = /[\p{L}\p{N}]$/u.test(query);

    anyAcc.fill(0, 0, k * N);
    exactAcc.fill(0, 0, k * N);
    touchedCount = 0;
    touchedTermCount = 0;
    for (let i = 0; i < k; i++) expand(words[i]!, i, lastIsPrefix && i === k - 1);

    const shownName = lang === 'vi' ? NAME_VI : NAME_EN;
    const topDoc = new Int32Array(limit);
    const topScore = new Float64Array(limit);
    const topField = new Uint8Array(limit);
    let topCount = 0;
    let fullMatches = 0;

    for (let t = 0; t < touchedCount; t++) {
      const d = touched[t]!;
      let score = -1;
      let field = 0; // 1 name, 2 keywords, 3 category, 4 summary
      for (let nameBit = NAME_VI; nameBit <= NAME_EN; nameBit <<= 1) {
        if (!allOf(anyAcc, d, k, nameBit)) continue;
        const ids = nameBit === NAME_VI ? nameVi[d]! : nameEn[d]!;
        const exact = allOf(exactAcc, d, k, nameBit);
        const at = phraseAt(ids, exact ? termExact : termAny, k);
        let s: number;
        if (exact) s = at >= 0 ? 5 * TIER : 4 * TIER;
        else s = 3 * TIER + (at >= 0 ? 50 : 0);
        if (at >= 0 && ids.length === k) s += 200;
        if (nameBit === shownName) s += 20;
        if (s > score) {
          score = s;
          field = 1;
        }
      }
      if (score < 0) {
        if (allOf(anyAcc, d, k, NAME_OR_KEYWORD)) {
          score = 2 * TIER;
          field = 2;
        } else if (allOf(anyAcc, d, k, ALL)) {
          score = TIER;
          field = allOf(anyAcc, d, k, NAME_OR_KEYWORD | SUMMARY) ? 4 : 3;
        } else if (k > 1) {
          let matched = 0;
          let bits = 0;
          for (let i = 0; i < k; i++) {
            const b = anyAcc[i * N + d]!;
            if (b !== 0) matched++;
            bits |= b;
          }
          field = bits & NAMES ? 1 : bits & KEYWORD ? 2 : bits & SUMMARY ? 4 : 3;
          score = matched * 10 + (field === 1 ? 5 : field === 2 ? 3 : 0);
        } else continue;
      }
      if (score >= TIER) fullMatches++;
      // insert into the top-k buffer
      if (topCount === limit && !better(score, d, topScore[topCount - 1]!, topDoc[topCount - 1]!)) continue;
      let pos = topCount < limit ? topCount++ : limit - 1;
      while (pos > 0 && better(score, d, topScore[pos - 1]!, topDoc[pos - 1]!)) {
        topDoc[pos] = topDoc[pos - 1]!;
        topScore[pos] = topScore[pos - 1]!;
        topField[pos] = topField[pos - 1]!;
        pos--;
      }
      topDoc[pos] = d;
      topScore[pos] = score;
      topField[pos] = field;
    }

    // reset scratch for the next keystroke
    for (let t = 0; t < touchedCount; t++) touchedFlag[touched[t]!] = 0;
    for (let t = 0; t < touchedTermCount; t++) {
      termAny[touchedTerms[t]!] = 0;
      termExact[touchedTerms[t]!] = 0;
    }

    const hits: SearchHit[] = [];
    for (let i = 0; i < topCount; i++) {
      const score = topScore[i]!;
      if (fullMatches > 0 && score < TIER) break;
      const d = topDoc[i]!;
      hits.push({ service: services[d]!, code: codes[d]!, score, field: FIELDS[topField[i]!]! });
    }
    return hits;
  }

  return { size: N, vocabularySize: V, search };
}

const FIELDS: readonly MatchField[] = ['name', 'name', 'keywords', 'category', 'summary'];
