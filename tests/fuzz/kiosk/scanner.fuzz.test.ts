/**
 * Issue 17 fuzzing: the serial scanner's bytes (drivers/idcard/scanner) — any bytes, split into any
 * chunks, with any suffix setting. The driver never throws and never emits an error that is not an
 * IdCardError with a Vietnamese message; and after any garbage, a real card scanned next is read
 * exactly (nothing lost, the framing recovers).
 */
import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES_VI, IdCardError } from '../../../common/idcard/fields.ts';
import { IdScanner, type CardEvent, type PortLike, type Suffix } from '../../../drivers/idcard/scanner/index.ts';
import { FUZZ_RUNS, FUZZ_TIME_MS } from './arbitraries.ts';

const PAYLOAD = '079090012345|025123456|Nguyễn Văn An|01011990|Nam|Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội|15042021';
const SUFFIX: Record<Exclude<Suffix, 'none'>, string> = { cr: '\r', lf: '\n', crlf: '\r\n' };

class FakePort extends EventEmitter implements PortLike {
  isOpen = false;
  open(cb: (err: Error | null) => void): void {
    this.isOpen = true;
    cb(null);
  }
  close(cb?: (err: Error | null) => void): void {
    this.isOpen = false;
    cb?.(null);
  }
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('fuzz: serial scanner bytes', () => {
  it('any bytes in any chunks: only IdCardErrors, and the next real card is read exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Exclude<Suffix, 'none'>>('cr', 'lf', 'crlf'),
        fc.array(fc.uint8Array({ maxLength: 700 }), { maxLength: 6 }),
        async (suffix, chunks) => {
          const port = new FakePort();
          const s = new IdScanner({ path: 'fuzz', suffix, portFactory: () => port, maxPayloadBytes: 1024, frameTimeoutMs: 1, reconnectMs: 10_000 });
          const cards: CardEvent[] = [];
          const errors: unknown[] = [];
          s.on('card', (c: CardEvent) => cards.push(c));
          s.on('error', (e: unknown) => errors.push(e));
          await s.start();
          for (const c of chunks) port.emit('data', Buffer.from(c));
          // the garbage ends (a suffix, then the frame timeout) and a resident scans their card
          port.emit('data', Buffer.from(SUFFIX[suffix]));
          await tick(3);
          cards.length = 0;
          port.emit('data', Buffer.from(PAYLOAD + SUFFIX[suffix], 'utf8'));
          await tick(0);
          for (const e of errors) {
            expect(e).toBeInstanceOf(IdCardError);
            expect(e instanceof IdCardError && e.message.startsWith(ERROR_MESSAGES_VI[e.code])).toBe(true);
          }
          expect(cards.map((c) => c.fields.idNumber)).toEqual(['079090012345']);
          expect(cards[0]!.fields.fullName).toBe('Nguyễn Văn An');
          await s.stop();
        },
      ),
      { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS, markInterruptAsFailure: false },
    );
  });

  it('a real card split at every byte boundary (UTF-8 letters cut in two) is read exactly', async () => {
    const bytes = Buffer.from(PAYLOAD + '\r', 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 20 }), async (cuts) => {
        const port = new FakePort();
        const s = new IdScanner({ path: 'fuzz', suffix: 'cr', portFactory: () => port, frameTimeoutMs: 50, reconnectMs: 10_000 });
        const cards: CardEvent[] = [];
        s.on('card', (c: CardEvent) => cards.push(c));
        s.on('error', () => undefined);
        await s.start();
        const at = [0, ...[...new Set(cuts)].sort((a, b) => a - b), bytes.length];
        for (let i = 0; i + 1 < at.length; i++) port.emit('data', bytes.subarray(at[i], at[i + 1]));
        await tick(0);
        expect(cards.map((c) => c.fields.fullName)).toEqual(['Nguyễn Văn An']);
        await s.stop();
      }),
      { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS, markInterruptAsFailure: false },
    );
  });
});
