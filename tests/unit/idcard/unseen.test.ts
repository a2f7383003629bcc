/**
 * The reader on cards of the second generator (tests/idcard-data2: other layouts, fonts, scenes) —
 * a few representative images through the whole reader, and bad input. The full sets are in the
 * benchmark (npm run bench:idcard); these use holders and seeds of their own, not the reporting set's.
 */
import { describe, expect, it } from 'vitest';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { badSample } from '../../idcard-data2/bad.ts';
import { shot2 } from '../../idcard-data2/generate.ts';
import { holder, seeded } from '../../idcard-data2/people.ts';

const rig = useCardReaders();

const h2024 = holder(seeded(501), 2024);
const h2021 = holder(seeded(502), 2021);

describe('cards laid out, lettered and photographed differently', () => {
  it('reads a 2024 front that fills the frame by its labels (was "không tìm thấy thẻ")', async () => {
    const r = await readCardImage(await shot2(h2024, 'front2024', 'fill', 'none', 11), rig.readers);
    expect(r.ok).toBe(true);
    expect(r.fields.idNumber).toBe(h2024.idNumber);
    expect(r.fields.dateOfBirth).toBe(h2024.dateOfBirth);
    expect(r.fields.fullName).toBe(h2024.fullName);
    expect(r.sources.idNumber).toBe('ocr');
  }, 30_000);

  it('reads the MRZ of a 2021 back on a flatbed scan (white on white: no card edge to find)', async () => {
    const r = await readCardImage(await shot2(h2021, 'back2021', 'scan', 'none', 12), rig.readers, { sources: ['mrz'] });
    expect(r.fields.idNumber).toBe(h2021.idNumber);
    expect(r.fields.dateOfBirth).toBe(h2021.dateOfBirth);
    expect(r.sources.idNumber).toBe('mrz');
  }, 30_000);
});

describe('bad input gets a reason in Vietnamese, in time, and nothing wrong', () => {
  it('a truncated photo', async () => {
    const s = await badSample('truncated', 61);
    const r = await readCardImage(s.data, rig.readers);
    expect(r).toMatchObject({ ok: false, error: 'tệp ảnh bị hỏng hoặc không đầy đủ', fields: {} });
  });

  it('two cards in one photo: neither is read', async () => {
    const s = await badSample('two_cards', 62);
    const r = await readCardImage(s.data, rig.readers);
    expect(r).toMatchObject({ ok: false, error: 'có hai thẻ trong ảnh, xin đặt từng thẻ một', fields: {} });
  }, 30_000);

  it('not a card (a printed form page): "không tìm thấy thẻ" within the time budget', async () => {
    const s = await badSample('not_a_card', 63);
    const t0 = performance.now();
    const r = await readCardImage(s.data, rig.readers);
    expect(r).toMatchObject({ ok: false, error: 'không tìm thấy thẻ', fields: {} });
    expect(performance.now() - t0).toBeLessThan(15_000);
  }, 30_000);

  it('an upside-down back is read turned round', async () => {
    const s = await badSample('upside_down', 64);
    const r = await readCardImage(s.data, rig.readers, { sources: ['mrz'] });
    expect(r.fields.idNumber).toBe(s.holder!.idNumber);
    expect(r.fields.dateOfBirth).toBe(s.holder!.dateOfBirth);
  }, 30_000);

  it('a 40-megapixel photo is decoded within the budget (shrunk on load) and read', async () => {
    const s = await badSample('megapixels_40', 66);
    const t0 = performance.now();
    const r = await readCardImage(s.data, rig.readers, { sources: ['mrz'] });
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(r.fields.idNumber).toBe(s.holder!.idNumber);
  }, 40_000);

  it('a photo of a screen showing a card: read, or refused with a reason — never a wrong number', async () => {
    const s = await badSample('screen', 66);
    const r = await readCardImage(s.data, rig.readers);
    if (r.ok) {
      if (r.fields.idNumber) expect(r.fields.idNumber).toBe(s.holder!.idNumber);
    } else expect(r.error).toMatch(/\p{L}/u);
  }, 30_000);
});
