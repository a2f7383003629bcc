import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdCardError } from '../../../common/idcard/fields.ts';
import { IdScanner, type CardEvent, type ScannerStatus, type Suffix } from '../../../drivers/idcard/scanner/index.ts';
import { VirtualScanner } from '../../../drivers/idcard/scanner/virtual.ts';
import { killAndWait, settlesWithin } from '../../support/processes.ts';

const PAYLOAD = '079090012345|025123456|Nguyễn Văn An|01011990|Nam|Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội|15042021';

interface Harness {
  v: VirtualScanner;
  s: IdScanner;
  cards: CardEvent[];
  errors: IdCardError[];
  statuses: ScannerStatus[];
}

async function harness(suffix: Suffix, extra: Partial<ConstructorParameters<typeof IdScanner>[0]> = {}): Promise<Harness> {
  const v = await VirtualScanner.create();
  const s = new IdScanner({ path: v.devicePath, suffix, reconnectMs: 100, frameTimeoutMs: 200, ...extra });
  const h: Harness = { v, s, cards: [], errors: [], statuses: [] };
  s.on('card', (c: CardEvent) => h.cards.push(c));
  s.on('error', (e: IdCardError) => h.errors.push(e));
  s.on('status', (st: ScannerStatus) => h.statuses.push(st));
  await s.start();
  return h;
}

async function until(pred: () => boolean, ms = 2000): Promise<void> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function done(h: Harness): Promise<void> {
  await h.s.stop();
  await h.v.close();
}

describe('serial 2D scanner over a virtual pty (socat)', () => {
  for (const suffix of ['cr', 'lf', 'crlf', 'none'] as const) {
    it(`reads a card QR with suffix ${suffix}`, async () => {
      const h = await harness(suffix);
      try {
        expect(h.statuses).toEqual(['connected']);
        await h.v.feed(PAYLOAD, suffix);
        await until(() => h.cards.length === 1);
        expect(h.cards[0]!.fields.fullName).toBe('Nguyễn Văn An');
        expect(h.cards[0]!.fields.idNumber).toBe('079090012345');
        expect(h.errors).toEqual([]);
      } finally {
        await done(h);
      }
    });
  }

  describe('bad input (suffix cr)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await harness('cr', { maxPayloadBytes: 512 });
    });
    afterAll(async () => done(h));

    it('reports garbage bytes and keeps reading', async () => {
      h.errors.length = 0;
      await h.v.feed(Buffer.from([0xff, 0xfe, 0x80, 0x41, 0xc3]), 'cr');
      await until(() => h.errors.length === 1);
      expect(h.errors[0]!.code).toBe('garbage');
      await h.v.feed(Buffer.from([0x01, 0x02, 0x41]), 'cr');
      await until(() => h.errors.length === 2);
      expect(h.errors[1]!.code).toBe('garbage');
      await h.v.feed(PAYLOAD, 'cr');
      await until(() => h.cards.length === 1);
    });

    it('reports a truncated scan (no suffix, then silence) and a truncated payload', async () => {
      h.errors.length = 0;
      await h.v.feed(PAYLOAD.slice(0, 40), 'none');
      await until(() => h.errors.length === 1, 1500);
      expect(h.errors[0]!.code).toBe('truncated');
      await h.v.feed(PAYLOAD.split('|').slice(0, 4).join('|'), 'cr');
      await until(() => h.errors.length === 2);
      expect(h.errors[1]!.code).toBe('truncated');
    });

    it('drops an oversized frame (with or without a suffix) and reads the next one', async () => {
      h.errors.length = 0;
      const n = h.cards.length;
      await h.v.feed('9'.repeat(2000), 'cr', { chunkSize: 256, gapMs: 2 });
      await until(() => h.errors.length >= 1);
      expect(h.errors[0]!.code).toBe('oversize');
      await h.v.feed(PAYLOAD, 'cr');
      await until(() => h.cards.length === n + 1);
      expect(h.errors.length).toBe(1);
    });

    it('reassembles a payload split across writes, with a Vietnamese letter split mid-sequence', async () => {
      const n = h.cards.length;
      h.errors.length = 0;
      // chunk size 1: every multi-byte letter (ễ = 3 bytes) arrives across several reads
      await h.v.feed(PAYLOAD, 'cr', { chunkSize: 1, gapMs: 0 });
      await h.v.feed(PAYLOAD, 'cr', { chunkSize: 7, gapMs: 3 });
      await until(() => h.cards.length === n + 2);
      expect(h.cards[n]!.fields.fullName).toBe('Nguyễn Văn An');
      expect(h.cards[n + 1]!.fields.placeOfResidence).toBe('Số 12 Phố Huế, Hàng Bài, Hoàn Kiếm, Hà Nội');
      expect(h.errors).toEqual([]);
    });

    it('reports a QR that is not an ID card', async () => {
      h.errors.length = 0;
      await h.v.feed('https://dichvucong.gov.vn/p/home', 'cr');
      await until(() => h.errors.length === 1);
      expect(h.errors[0]!.message).toBe('không phải mã QR của thẻ căn cước');
    });
  });

  it('oversize without a suffix (inter-byte timeout framing)', async () => {
    const h = await harness('none', { maxPayloadBytes: 300 });
    try {
      await h.v.feed('8'.repeat(1500), 'none');
      await until(() => h.errors.length >= 1);
      expect(h.errors[0]!.code).toBe('oversize');
      await new Promise((r) => setTimeout(r, 150));
      await h.v.feed(PAYLOAD, 'none');
      await until(() => h.cards.length === 1);
      expect(h.errors.length).toBe(1);
    } finally {
      await done(h);
    }
  });

  it('reports missing when unplugged and reconnects when the port comes back', async () => {
    const h = await harness('cr');
    try {
      await h.v.unplug();
      await until(() => h.statuses.at(-1) === 'missing');
      await h.v.plug();
      await until(() => h.statuses.at(-1) === 'connected', 3000);
      expect(h.statuses).toEqual(['connected', 'missing', 'connected']);
      await h.v.feed(PAYLOAD, 'cr');
      await until(() => h.cards.length === 1);
    } finally {
      await done(h);
    }
  });

  it('starts as missing when no device is there, without throwing', async () => {
    const s = new IdScanner({ path: '/nonexistent/ttyACM9', reconnectMs: 50 });
    const st: ScannerStatus[] = [];
    s.on('status', (x: ScannerStatus) => st.push(x));
    await s.start();
    expect(st).toEqual(['missing']);
    await s.stop();
  });
});

describe('virtual scanner shutdown', () => {
  it('closes at once when socat was already killed by a signal (Ctrl+C reaches the whole process group)', async () => {
    const v = await VirtualScanner.create();
    await killAndWait(v.pid!, 'SIGINT');
    expect(await settlesWithin(v.close())).toBe('done');
  });
});
