import { describe, expect, it } from 'vitest';
import { createSearchIndex, queryVariants, withinOneEdit, type SearchHit } from '../../../common/text/search.ts';
import { generateCatalogue, loadCatalogue } from './generated-catalogue.ts';

const catalogue = loadCatalogue();
const index = createSearchIndex(catalogue.services, catalogue.categories);
const codes = (hits: SearchHit[]): string[] => hits.map((h) => h.code);
const first = (q: string, lang: 'vi' | 'en' = 'vi'): SearchHit | undefined => index.search(q, lang, 10)[0];

describe('the real catalogue', () => {
  it('loads all procedures without problems', () => {
    expect(catalogue.problems).toEqual([]);
    expect(index.size).toBe(catalogue.services.length);
    expect(index.size).toBeGreaterThanOrEqual(23);
  });
});

describe('the journeys of issue 3', () => {
  it('"khai sinh" without diacritics finds Đăng ký khai sinh (1.001193) first', () => {
    const hits = index.search('khai sinh', 'vi', 10);
    expect(hits[0]?.code).toBe('1.001193');
    expect(hits[0]?.service.name.vi).toBe('Đăng ký khai sinh');
    expect(hits[0]?.field).toBe('name');
    // the linked procedure also has it in its name: second
    expect(hits[1]?.code).toBe('2.002621');
  });

  it('finds it while the last word is still being typed, letter by letter', () => {
    for (const prefix of ['khai s', 'khai si', 'khai sin', 'khai sinh']) expect(first(prefix)?.code, prefix).toBe('1.001193');
  });

  it('"dang ky khai sinh" puts the exact name first', () => {
    const hits = index.search('dang ky khai sinh', 'vi', 5);
    expect(codes(hits).slice(0, 2)).toEqual(['1.001193', '2.002621']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('"tam tru" finds Đăng ký tạm trú first, then the other tạm trú procedures', () => {
    const hits = index.search('tam tru', 'vi', 10);
    expect(hits[0]?.service.name.vi).toBe('Đăng ký tạm trú');
    expect(codes(hits).slice(0, 3)).toEqual(['1.004194', '1.002755', '1.010028']);
  });

  it('"dangw kys" (Telex) finds đăng ký services', () => {
    const hits = index.search('dangw kys', 'vi', 10);
    expect(hits.length).toBeGreaterThanOrEqual(5);
    for (const h of hits.slice(0, 5)) expect(h.service.name.vi.toLowerCase()).toContain('đăng ký');
    expect(hits[0]?.code).toBe('1.001193'); // the most used one
  });

  it('"dangw kys khai sinh" and "ddawng kys tamj truss" (Telex) find the right service', () => {
    expect(first('dangw kys khai sinh')?.code).toBe('1.001193');
    expect(first('ddawng kys tamj trus')?.code).toBe('1.004194');
  });

  it('"tam5 tru1" (VNI) finds Đăng ký tạm trú', () => {
    expect(first('tam5 tru1')?.code).toBe('1.004194');
  });

  it('"chung thuc" finds the chứng thực procedures, most used first', () => {
    const hits = index.search('chung thuc', 'vi', 10);
    expect(codes(hits).slice(0, 2)).toEqual(['2.000815', '2.000884']);
    expect(hits[0]!.service.name.vi.startsWith('Chứng thực')).toBe(true);
  });

  it('an English query: "birth registration"', () => {
    const hits = index.search('birth registration', 'en', 10);
    expect(hits[0]?.code).toBe('1.001193');
    expect(hits[0]?.service.name.en).toBe('Birth registration');
    expect(first('temporary residence', 'en')?.code).toBe('1.004194');
  });

  it('with full diacritics as well', () => {
    expect(first('Đăng ký khai sinh')?.code).toBe('1.001193');
    expect(first('đăng ký tạm trú')?.code).toBe('1.004194');
    expect(first('Chứng thực chữ ký')?.code).toBe('2.000884');
  });
});

describe('matching', () => {
  it('national codes, whole or in part', () => {
    expect(index.search('1.001193', 'vi', 5).map((h) => [h.code, h.field])).toEqual([['1.001193', 'code']]);
    expect(first('001193')?.code).toBe('1.001193');
    expect(codes(index.search('1.0042', 'vi', 10)).sort()).toEqual(['1.004222']);
  });

  it('the words in order (a phrase) rank above the same words in another order', () => {
    const phrase = first('khai sinh')!;
    const reversed = first('sinh khai')!;
    expect(reversed.code).toBe('1.001193');
    expect(phrase.score).toBeGreaterThan(reversed.score);
    expect(phrase.score - reversed.score).toBeGreaterThanOrEqual(1000); // a whole tier
  });

  it('keywords: words residents use that are not in the name', () => {
    const hit = first('giay doc than');
    expect(hit?.code).toBe('1.004873');
    expect(hit?.field).toBe('keywords');
    expect(first('cong chung')?.code).toBe('2.000815');
    expect(first('nha tro')?.code).toBe('1.004194');
  });

  it('one typo in words of five letters or more', () => {
    expect(first('marrige', 'en')?.code).toBe('1.000894');
    expect(first('temporay residence', 'en')?.code).toBe('1.004194');
    expect(first('dang ky thuongg tru')?.code).toBe('1.004222');
    expect(withinOneEdit('registration', 'registation')).toBe(true);
    expect(withinOneEdit('thuong', 'thuogn')).toBe(true); // swapped letters
    expect(withinOneEdit('thuong', 'truong')).toBe(true);
    expect(withinOneEdit('khai', 'khia')).toBe(true);
    expect(withinOneEdit('thuong', 'tuogn')).toBe(false);
    expect(withinOneEdit('abc', 'abcde')).toBe(false);
  });

  it('no typo tolerance below five letters', () => {
    expect(index.search('sihn', 'vi', 10)).toEqual([]);
  });

  it('typos and prefixes rank below exact words', () => {
    const exact = first('ket hon')!;
    const prefix = first('ket ho')!;
    const typo = first('dang ky ket honnn')!; // "honnn" is two edits from "hon"
    expect(exact.code).toBe('1.000894');
    expect(prefix.code).toBe('1.000894');
    expect(exact.score).toBeGreaterThan(prefix.score);
    expect(first('marriage registration', 'en')!.score).toBeGreaterThan(first('marrige registration', 'en')!.score);
    // a word two edits away matches nothing; only the other words count (fallback tier)
    expect(typo.score).toBeLessThan(1000);
  });

  it('ranks name above keywords above summary', () => {
    const hits = index.search('khai sinh', 'vi', 10);
    const order = hits.map((h) => h.field);
    const rank = { code: 6, name: 5, keywords: 4, category: 3, summary: 2 } as const;
    for (let i = 1; i < order.length; i++) expect(rank[order[i - 1]!]).toBeGreaterThanOrEqual(rank[order[i]!]);
    expect(order).toContain('keywords');
    expect(order).toContain('summary');
  });

  it('a category name finds its services', () => {
    const hits = index.search('ho tich', 'vi', 20);
    expect(hits.length).toBeGreaterThanOrEqual(5);
    expect(hits.some((h) => h.field === 'category')).toBe(true);
  });

  it('a long sentence falls back to the services that match most words', () => {
    const hits = index.search('toi muon lam giay khai sinh cho chau', 'vi', 5);
    expect(hits[0]?.code).toBe('1.001193');
  });

  it('finds nothing for nonsense, an empty query, or a zero limit', () => {
    expect(index.search('xyzzy qwrt', 'vi', 10)).toEqual([]);
    expect(index.search('   ', 'vi', 10)).toEqual([]);
    expect(index.search('khai sinh', 'vi', 0)).toEqual([]);
  });

  it('respects the limit and the display language as a tie-break', () => {
    expect(index.search('d', 'vi', 3)).toHaveLength(3);
    const vi = first('khai sinh', 'vi')!;
    expect(vi.code).toBe('1.001193');
  });

  it('keeps no state between queries', () => {
    const a = codes(index.search('tam tru', 'vi', 10));
    index.search('k', 'vi', 10);
    index.search('dangw kys khai sinh', 'vi', 10);
    expect(codes(index.search('tam tru', 'vi', 10))).toEqual(a);
  });

  it('understands a typed word as itself, as Telex and as VNI', () => {
    expect(queryVariants('dangw')).toEqual(['dangw', 'dang']);
    expect(queryVariants('tam5')).toEqual(['tam5', 'tam']);
    expect(queryVariants('khai')).toEqual(['khai']);
  });
});

describe('a generated catalogue of 2,000 procedures', () => {
  const big = generateCatalogue(catalogue.services, 2000);
  const bigIndex = createSearchIndex(big, catalogue.categories);

  it('has 2,000 valid, unique procedures', () => {
    expect(bigIndex.size).toBe(2000);
    expect(new Set(big.map((s) => s.code)).size).toBe(2000);
    for (const s of big) expect(s.code).toMatch(/^\d\.\d{6}$/);
  });

  it('still puts the real, most used procedure first', () => {
    expect(bigIndex.search('khai sinh', 'vi', 10)[0]?.code).toBe('1.001193');
    expect(bigIndex.search('tam tru', 'vi', 10)[0]?.code).toBe('1.004194');
    expect(bigIndex.search('dangw kys', 'vi', 10)[0]?.code).toBe('1.001193');
    expect(bigIndex.search('birth registration', 'en', 10)[0]?.code).toBe('1.001193');
  });

  it('finds a variant by the words that make it different', () => {
    const hit = bigIndex.search('khai sinh co yeu to nuoc ngoai', 'vi', 1)[0];
    expect(hit?.service.name.vi).toMatch(/khai sinh.*có yếu tố nước ngoài/);
  });
});
