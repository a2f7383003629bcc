/**
 * Shared arbitraries and bounds for the kiosk fuzzers (tests/fuzz/kiosk/). Every property runs
 * FUZZ_RUNS cases unless FUZZ_TIME_MS passes first (a 2-core machine shared with other work); the
 * figures each run reaches are in docs/security.md "Kiosk".
 */
import fc from 'fast-check';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
export const FUZZ_TIME_MS = Number(process.env.FUZZ_TIME_MS ?? 6000);

/** Text an attacker would try: any unicode, control characters, lone surrogates, combining marks, long runs, Vietnamese. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('|', '<', '\r', '\n', '\u0000', '\ufeff', '\ufffd', '\u0301', '\u0323', 'ư', 'Đ', 'ạ', '0', '9', ' ', '/', '\\', '"', '{'), maxLength: 300 }),
  fc.constantFrom('', ' ', '\u0000', '|'.repeat(2000), 'A'.repeat(5000), '\ud800', 'Nguyễn Văn An', 'NGUYEN<<VAN<AN', '__proto__', 'constructor'),
);

export const hostile = {
  field: fc.oneof(hostileText, fc.stringMatching(/^\d{1,14}$/), fc.constantFrom('Nam', 'Nữ', 'nu', '01011990', '31022020', '')),
};

/** Any JSON value, deep or odd, including prototype keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.anything({ maxDepth: 4, withObjectString: true, withNullPrototype: true, withBigInt: false }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'lang', 'pin', 'code'), fc.jsonValue({ maxDepth: 2 })),
);
