/**
 * Issue 17 fuzzing (fast-check), the ID card's texts as they reach the kiosk from outside: the QR
 * text a scanner or a camera decodes, the MRZ text OCR reads, the OCR text of the card's front.
 * Thousands of cases each, bounded in time: the parsers never throw anything but an IdCardError
 * with a Vietnamese message, and a real card's text still reads exactly (nothing lost).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES_VI, FIELD_NAMES, IdCardError } from '../../../common/idcard/fields.ts';
import { findLabels, locateValues, type LineBox } from '../../../common/idcard/labels.ts';
import { parseMrz } from '../../../common/idcard/mrz.ts';
import { fixSurname } from '../../../common/idcard/name.ts';
import { looksLikeCccdQr, parseCccdQr } from '../../../common/idcard/qr.ts';
import { normaliseOcrField, pickName } from '../../../drivers/idcard/ocr-front.ts';
import { ddmmyyyy, makeMrz, makePerson, makeRng } from '../../idcard-data/people.ts';
import { FUZZ_RUNS, FUZZ_TIME_MS, hostile, hostileText } from './arbitraries.ts';

/** Runs `f`; passes if it returns or throws an IdCardError with a known code and a Vietnamese message. */
function onlyIdCardErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof IdCardError)) throw e;
    expect(Object.keys(ERROR_MESSAGES_VI)).toContain(e.code);
    expect(e.message.startsWith(ERROR_MESSAGES_VI[e.code])).toBe(true);
  }
}

const opts = { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS, markInterruptAsFailure: false };

describe('fuzz: QR text', () => {
  it('any text: parseCccdQr returns or throws an IdCardError; looksLikeCccdQr never throws', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(typeof looksLikeCccdQr(text)).toBe('boolean');
        onlyIdCardErrors(() => parseCccdQr(text));
      }),
      opts,
    );
  });

  it('QR-shaped text (12 digits, pipes, hostile fields) never escapes as another error', () => {
    const qrish = fc
      .tuple(fc.stringMatching(/^\d{12}$/), fc.array(hostile.field, { minLength: 0, maxLength: 12 }))
      .map(([id, fields]) => [id, ...fields].join('|'));
    fc.assert(fc.property(qrish, (text) => onlyIdCardErrors(() => parseCccdQr(text))), opts);
  });

  it('a real card’s QR, in either generation’s shape, reads back every field (nothing lost)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(2021 as const, 2024 as const), (seed, gen) => {
        const p = makePerson(makeRng(seed), gen);
        const r = parseCccdQr(p.qrPayload);
        expect(r.fields.idNumber).toBe(p.fields.idNumber);
        expect(r.fields.fullName).toBe(p.fields.fullName);
        expect(r.fields.dateOfBirth).toBe(p.fields.dateOfBirth);
        expect(ddmmyyyy(r.fields.dateOfBirth!)).toBe(ddmmyyyy(p.fields.dateOfBirth!));
      }),
      opts,
    );
  });
});

describe('fuzz: MRZ text', () => {
  const now = new Date('2026-12-06T00:00:00Z');
  it('any text, and any three lines: parseMrz returns or throws an IdCardError', () => {
    fc.assert(fc.property(hostileText, (text) => onlyIdCardErrors(() => parseMrz(text, now))), opts);
    fc.assert(fc.property(fc.array(hostileText, { minLength: 0, maxLength: 5 }), (lines) => onlyIdCardErrors(() => parseMrz(lines, now))), opts);
  });

  it('MRZ-shaped lines (30 chars of the MRZ alphabet) never escape as another error', () => {
    const line = fc.stringMatching(/^[A-Z0-9<]{25,35}$/);
    fc.assert(fc.property(fc.tuple(line, line, line), (l) => onlyIdCardErrors(() => parseMrz(l.join('\n'), now))), opts);
  });

  it('a real card’s MRZ reads back its ID number and date of birth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const p = makePerson(makeRng(seed), 2024);
        const r = parseMrz(makeMrz(p.fields.idNumber!, p.fields.dateOfBirth!, p.fields.sex!, p.fields.dateOfExpiry, p.fields.fullName!), now);
        expect(r.fields.idNumber).toBe(p.fields.idNumber);
        expect(r.fields.dateOfBirth).toBe(p.fields.dateOfBirth);
      }),
      opts,
    );
  });
});

describe('fuzz: OCR text of the card’s front', () => {
  it('any text for any field: normaliseOcrField returns a string or undefined; pickName and fixSurname never throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELD_NAMES), hostileText, (field, text) => {
        const v = normaliseOcrField(field, text);
        expect(v === undefined || typeof v === 'string').toBe(true);
        fixSurname(text);
      }),
      opts,
    );
    fc.assert(
      fc.property(fc.array(fc.record({ text: hostileText, confidence: fc.oneof(fc.double(), fc.integer()) }), { maxLength: 6 }), (readings) => {
        const r = pickName(readings);
        expect(r === undefined || typeof r.value === 'string').toBe(true);
      }),
      opts,
    );
  });

  it('any OCR layout (lines of words with odd boxes): findLabels and locateValues never throw', () => {
    const box = fc.record({ x0: fc.double(), y0: fc.double(), x1: fc.double(), y1: fc.double() });
    const word = fc.record({ text: hostileText, confidence: fc.double(), bbox: box });
    const lineBox: fc.Arbitrary<LineBox> = fc.record({ text: hostileText, bbox: box, words: fc.array(word, { maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(lineBox, { maxLength: 12 }), (lines) => {
        const hits = findLabels(lines);
        expect(Array.isArray(locateValues(lines, hits))).toBe(true);
      }),
      opts,
    );
  });
});
