/**
 * A read cut short keeps what it had: once a card QR is read, the rest (MRZ, front OCR — only the fields a
 * QR lacks) gets a bounded budget, and the whole-read limit returns the QR's fields instead of nothing.
 * The OCR pools here never answer (a stand-in for a large noisy photo's slow page reading).
 */
import { describe, expect, it } from 'vitest';
import type { OcrPool } from '../../../drivers/idcard/ocr-pool.ts';
import { readCardImage, type CardReaders } from '../../../drivers/idcard/read-card.ts';
import { prepareQrReader } from '../../../drivers/idcard/qr-image.ts';
import { renderSample } from '../../idcard-data/generate.ts';
import { makePerson, makeRng } from '../../idcard-data/people.ts';

/** OCR that never finishes. */
function stuckPool(): OcrPool {
  return { recognize: () => new Promise(() => undefined), close: async () => undefined, warm: async () => undefined } as unknown as OcrPool;
}

const p = makePerson(makeRng(41), 2021);

describe('a read cut short', () => {
  it('returns the QR fields once the budget after the QR is spent, without waiting for the front OCR', async () => {
    await prepareQrReader();
    const { data } = await renderSample(p, 'front2021', 'clean', 3);
    const readers: CardReaders = { vie: stuckPool(), eng: stuckPool() };
    const t0 = performance.now();
    const r = await readCardImage(data, readers, { afterQrMs: 300, timeoutMs: 10_000 });
    const ms = performance.now() - t0;
    expect(r.ok).toBe(true);
    expect(r.partial).toBe(true);
    expect(r.fields.idNumber).toBe(p.fields.idNumber);
    expect(r.fields.dateOfBirth).toBe(p.fields.dateOfBirth);
    expect(r.fields.fullName).toBe(p.fields.fullName);
    expect(r.sources.idNumber).toBe('qr');
    expect(r.error).toBeUndefined();
    expect(ms).toBeLessThan(5000);
  });

  it('the whole-read limit keeps the QR fields too, and a read that had nothing says "quá thời gian xử lý"', async () => {
    const { data } = await renderSample(p, 'front2021', 'clean', 3);
    const r = await readCardImage(data, { vie: stuckPool(), eng: stuckPool() }, { afterQrMs: 60_000, timeoutMs: 1500 });
    expect(r).toMatchObject({ ok: true, partial: true });
    expect(r.fields.idNumber).toBe(p.fields.idNumber);
    // a 2024 front has no QR: nothing was read when the limit hit
    const q = makePerson(makeRng(42), 2024);
    const front = await renderSample(q, 'front2024', 'clean', 4);
    const none = await readCardImage(front.data, { vie: stuckPool(), eng: stuckPool() }, { timeoutMs: 1500 });
    expect(none.ok).toBe(false);
    expect(none.partial).toBeUndefined();
    expect(none.error).toBe('quá thời gian xử lý');
    expect(none.fields).toEqual({});
  });
});
