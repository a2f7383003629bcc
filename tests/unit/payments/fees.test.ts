import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFee, formatVnd } from '../../../common/payments/fees.ts';
import { parseCatalogue, type Service } from '../../../kiosk-config/catalogue.schema.ts';
import { FeeRule } from '../../../kiosk-config/fee-rule.schema.ts';
import { ROOT } from '../../support/paths.ts';

const catalogue = parseCatalogue(JSON.parse(readFileSync(path.join(ROOT, 'kiosk-config', 'catalogue', 'services.json'), 'utf8')));
const service = (code: string): Service => catalogue.services.find((s) => s.code === code)!;
const rule = (code: string) => service(code).feeRule!;
/** 6 December 2026, 10:00 in Vietnam. */
const NOW = new Date('2026-12-06T03:00:00Z');
const basis = { law: { vi: 'Luật', en: 'Law' }, source: { title: 'test', checked: '2026-12-06' } };

describe('fee rules in the catalogue', () => {
  it('every procedure has a fee rule with its legal basis and the source of the fact', () => {
    expect(catalogue.problems).toEqual([]);
    expect(catalogue.services).toHaveLength(23);
    for (const s of catalogue.services) {
      expect(s.feeRule, s.code).toBeDefined();
      expect(s.feeRule!.basis.law.vi.length, s.code).toBeGreaterThan(10);
      expect(s.feeRule!.basis.source.title.length, s.code).toBeGreaterThan(5);
    }
  });

  it('a rule names only answers its form asks (when the kiosk takes the form)', () => {
    for (const s of catalogue.services) {
      if (s.questions.length === 0) continue;
      const r = s.feeRule!;
      const ids = new Set(s.questions.map((q) => q.id));
      const refs = [r.kind === 'free-within-days' ? r.eventAnswer : null, r.kind === 'per-copy' ? r.copiesAnswer : null, r.kind === 'per-page' ? r.pagesAnswer : null].filter((x) => x !== null);
      for (const id of refs) expect(ids.has(id), `${s.code}: ${id}`).toBe(true);
    }
  });

  it('refuses a rule that is malformed (negative amount, absurd amount, unknown kind, no basis)', () => {
    expect(FeeRule.safeParse({ kind: 'flat', counterVnd: -1, onlineVnd: null, basis }).success).toBe(false);
    expect(FeeRule.safeParse({ kind: 'flat', counterVnd: 1e12, onlineVnd: null, basis }).success).toBe(false);
    expect(FeeRule.safeParse({ kind: 'tip', basis }).success).toBe(false);
    expect(FeeRule.safeParse({ kind: 'free' }).success).toBe(false);
    expect(FeeRule.safeParse({ kind: 'free', basis: { ...basis, source: { title: 'x', checked: 'yesterday' } } }).success).toBe(false);
  });
});

describe('computeFee', () => {
  it('free within 60 days of the birth; later, set by the province (never guessed)', () => {
    const r = rule('1.001193');
    expect(computeFee(r, { childDateOfBirth: '07/10/2026' }, NOW)).toMatchObject({ state: 'free', amountVnd: 0 }); // 60 days
    expect(computeFee(r, { childDateOfBirth: '06/10/2026' }, NOW)).toMatchObject({ state: 'province', amountVnd: null }); // 61 days
    expect(computeFee(r, {}, NOW)).toMatchObject({ state: 'unknown', missing: 'childDateOfBirth', amountVnd: null });
    expect(computeFee(r, { childDateOfBirth: '31/02/2026' }, NOW).state).toBe('unknown');
    // with a late fee in the data
    const late = FeeRule.parse({ kind: 'free-within-days', days: 15, eventAnswer: 'd', lateCounterVnd: 8000, lateOnlineVnd: 5000, basis });
    expect(computeFee(late, { d: '01/11/2026' }, NOW)).toMatchObject({ state: 'due', amountVnd: 5000, counterVnd: 8000 });
    expect(computeFee(late, { d: '21/11/2026' }, NOW)).toMatchObject({ state: 'free', amountVnd: 0 });
  });

  it('counts the days in Vietnam\'s date, not UTC', () => {
    const r = FeeRule.parse({ kind: 'free-within-days', days: 1, eventAnswer: 'd', lateCounterVnd: 1000, lateOnlineVnd: 1000, basis });
    // 18:00 UTC on 5 Dec is 01:00 on 6 Dec in Vietnam: 4 Dec is 2 days ago there
    expect(computeFee(r, { d: '04/12/2026' }, new Date('2026-12-05T18:00:00Z')).state).toBe('due');
    expect(computeFee(r, { d: '05/12/2026' }, new Date('2026-12-05T18:00:00Z')).state).toBe('free');
  });

  it('the reduced online fee against the counter fee', () => {
    expect(computeFee(rule('1.004222'), {}, NOW)).toMatchObject({ state: 'due', amountVnd: 10000, counterVnd: 20000 });
    expect(computeFee(rule('1.004194'), {}, NOW)).toMatchObject({ state: 'due', amountVnd: 7000, counterVnd: 15000 });
    expect(computeFee(rule('1.010038'), {}, NOW)).toMatchObject({ state: 'due', amountVnd: 5000, counterVnd: 10000 });
    expect(computeFee(rule('1.004222'), {}, NOW).explanation.vi).toBe('10.000 đồng khi nộp trực tuyến (nộp tại quầy: 20.000 đồng).');
    // same amount both ways: no saving shown
    expect(computeFee(rule('2.000884'), {}, NOW)).toMatchObject({ amountVnd: 10000, counterVnd: null });
  });

  it('per copy', () => {
    const r = FeeRule.parse({ kind: 'per-copy', copiesAnswer: 'copies', counterVnd: 8000, onlineVnd: 6000, basis });
    expect(computeFee(r, { copies: '3' }, NOW)).toMatchObject({ state: 'due', amountVnd: 18000, counterVnd: 24000 });
    expect(computeFee(r, { copies: '1' }, NOW).explanation.vi).toBe('1 bản × 6.000 đồng = 6.000 đồng.');
    for (const bad of ['0', '-2', 'ba', '21', '1.5', ''])
      expect(computeFee(r, { copies: bad }, NOW), bad).toMatchObject({ state: 'unknown', missing: 'copies' });
  });

  it('per page with a cap per copy', () => {
    const r = rule('2.000815');
    expect(computeFee(r, { pages: '1', copies: '1' }, NOW).amountVnd).toBe(2000);
    expect(computeFee(r, { pages: '2', copies: '1' }, NOW).amountVnd).toBe(4000);
    expect(computeFee(r, { pages: '5', copies: '1' }, NOW).amountVnd).toBe(7000); // 2×2.000 + 3×1.000
    expect(computeFee(r, { pages: '5', copies: '3' }, NOW).amountVnd).toBe(21000);
    expect(computeFee(r, { pages: '198', copies: '1' }, NOW).amountVnd).toBe(200000); // 4.000 + 196.000
    expect(computeFee(r, { pages: '300', copies: '1' }, NOW)).toMatchObject({ amountVnd: 200000 }); // capped
    expect(computeFee(r, { pages: '300', copies: '2' }, NOW).explanation.vi).toBe('300 trang: 200.000 đồng mỗi bản (mức tối đa) × 2 bản = 400.000 đồng.');
    expect(computeFee(r, { copies: '1' }, NOW)).toMatchObject({ state: 'unknown', missing: 'pages' });
    expect(computeFee(r, { pages: '3' }, NOW)).toMatchObject({ state: 'unknown', missing: 'copies' });
  });

  it('free, and set by the province', () => {
    expect(computeFee(rule('1.000894'), {}, NOW)).toMatchObject({ state: 'free', amountVnd: 0 });
    for (const code of ['1.004873', '1.004859', '2.000635']) expect(computeFee(rule(code), {}, NOW), code).toMatchObject({ state: 'province', amountVnd: null });
  });

  it('formats đồng the Vietnamese and the English way', () => {
    expect(formatVnd(1234567, 'vi')).toBe('1.234.567 đồng');
    expect(formatVnd(1234567, 'en')).toBe('1,234,567 đồng');
    expect(formatVnd(0, 'vi')).toBe('0 đồng');
  });
});
