/**
 * Incremental ESC/POS parser for the virtual printer. Bytes may arrive in any chunking; a command
 * cut across chunks waits for the rest. Unknown or malformed input is skipped, never thrown.
 */

export type Op =
  | { op: 'init' }
  | { op: 'text'; bytes: Buffer }
  | { op: 'lf' }
  | { op: 'align'; n: 0 | 1 | 2 }
  | { op: 'size'; w: number; h: number }
  | { op: 'mode'; n: number } // ESC ! n
  | { op: 'bold'; on: boolean }
  | { op: 'codepage'; n: number }
  | { op: 'feedDots'; n: number }
  | { op: 'feedLines'; n: number }
  | { op: 'raster'; widthBytes: number; height: number; data: Buffer }
  | { op: 'qrStore'; data: Buffer }
  | { op: 'qrSize'; n: number }
  | { op: 'qrPrint' }
  | { op: 'cut' }
  | { op: 'status'; n: number } // DLE EOT n (real time)
  | { op: 'statusGsR'; n: number } // GS r n
  | { op: 'skip'; bytes: number };

/** Larger rasters than this are treated as garbage (a real printer would choke too). */
const MAX_RASTER_BYTES = 4 * 1024 * 1024;

export class EscPosParser {
  private pending: Buffer = Buffer.alloc(0);

  feed(chunk: Uint8Array): Op[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    const ops: Op[] = [];
    let i = 0;
    const b = this.pending;
    for (;;) {
      if (i >= b.length) break;
      const r = this.one(b, i);
      if (r === null) break; // incomplete: wait for more
      i = r.next;
      if (r.op) ops.push(r.op);
    }
    this.pending = b.subarray(i);
    return ops;
  }

  /** Bytes held back waiting for the rest of a command. */
  get buffered(): number {
    return this.pending.length;
  }

  private one(b: Buffer, i: number): { op?: Op; next: number } | null {
    const c = b[i]!;
    const need = (n: number) => i + n <= b.length;
    const at = (k: number) => b[i + k]!;
    if (c >= 0x20 && c !== 0x7f) {
      let j = i;
      while (j < b.length && b[j]! >= 0x20 && b[j] !== 0x7f) j++;
      return { op: { op: 'text', bytes: Buffer.from(b.subarray(i, j)) }, next: j };
    }
    switch (c) {
      case 0x0a:
        return { op: { op: 'lf' }, next: i + 1 };
      case 0x10: // DLE
        if (!need(2)) return null;
        if (at(1) === 0x04) {
          if (!need(3)) return null;
          const n = at(2);
          return n >= 1 && n <= 4 ? { op: { op: 'status', n }, next: i + 3 } : { op: { op: 'skip', bytes: 3 }, next: i + 3 };
        }
        if (at(1) === 0x05) return need(3) ? { op: { op: 'skip', bytes: 3 }, next: i + 3 } : null;
        if (at(1) === 0x14) return need(5) ? { op: { op: 'skip', bytes: 5 }, next: i + 5 } : null;
        return { op: { op: 'skip', bytes: 1 }, next: i + 1 };
      case 0x1b: // ESC
        return this.esc(b, i);
      case 0x1d: // GS
        return this.gs(b, i);
      default:
        return { op: { op: 'skip', bytes: 1 }, next: i + 1 }; // CR, HT, NUL and other controls
    }
  }

  private esc(b: Buffer, i: number): { op?: Op; next: number } | null {
    if (i + 2 > b.length) return null;
    const cmd = b[i + 1]!;
    const arg = (n: number) => (i + 2 + n <= b.length ? b.subarray(i + 2, i + 2 + n) : null);
    const with1 = (f: (n: number) => Op | undefined) => {
      const a = arg(1);
      return a ? { op: f(a[0]!), next: i + 3 } : null;
    };
    switch (cmd) {
      case 0x40:
        return { op: { op: 'init' }, next: i + 2 };
      case 0x61:
        return with1((n) => ({ op: 'align', n: (n % 48 > 2 ? 0 : n % 48) as 0 | 1 | 2 }));
      case 0x21:
        return with1((n) => ({ op: 'mode', n }));
      case 0x45:
        return with1((n) => ({ op: 'bold', on: (n & 1) === 1 }));
      case 0x74:
        return with1((n) => ({ op: 'codepage', n }));
      case 0x64:
        return with1((n) => ({ op: 'feedLines', n }));
      case 0x4a:
        return with1((n) => ({ op: 'feedDots', n }));
      case 0x32: // default line spacing
      case 0x3c:
        return { next: i + 2 };
      case 0x70: {
        // ESC p m t1 t2 (drawer pulse)
        const a = arg(3);
        return a ? { next: i + 5 } : null;
      }
      case 0x69:
      case 0x6d: // old-style cuts
        return { op: { op: 'cut' }, next: i + 2 };
      default:
        // ESC with one parameter byte: - 3 G M R V { c… and most others
        return with1(() => undefined);
    }
  }

  private gs(b: Buffer, i: number): { op?: Op; next: number } | null {
    if (i + 2 > b.length) return null;
    const cmd = b[i + 1]!;
    const has = (n: number) => i + n <= b.length;
    switch (cmd) {
      case 0x21:
        return has(3) ? { op: { op: 'size', w: ((b[i + 2]! >> 4) & 7) + 1, h: (b[i + 2]! & 7) + 1 }, next: i + 3 } : null;
      case 0x56: {
        // GS V m  |  GS V m n (m = 65, 66, 97…)
        if (!has(3)) return null;
        const m = b[i + 2]!;
        const len = m === 0 || m === 1 || m === 48 || m === 49 ? 3 : 4;
        return has(len) ? { op: { op: 'cut' }, next: i + len } : null;
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d1..dk
        if (!has(8)) return null;
        if (b[i + 2] !== 0x30) return { op: { op: 'skip', bytes: 2 }, next: i + 2 };
        const widthBytes = b[i + 4]! | (b[i + 5]! << 8);
        const height = b[i + 6]! | (b[i + 7]! << 8);
        const k = widthBytes * height;
        if (k === 0 || k > MAX_RASTER_BYTES) return { op: { op: 'skip', bytes: 8 }, next: i + 8 };
        if (!has(8 + k)) return null;
        return { op: { op: 'raster', widthBytes, height, data: Buffer.from(b.subarray(i + 8, i + 8 + k)) }, next: i + 8 + k };
      }
      case 0x28: {
        // GS ( x pL pH …
        if (!has(5)) return null;
        const len = b[i + 3]! | (b[i + 4]! << 8);
        if (!has(5 + len)) return null;
        const body = b.subarray(i + 5, i + 5 + len);
        const next = i + 5 + len;
        if (b[i + 2] === 0x6b && body[0] === 0x31) {
          // GS ( k: QR code
          if (body[1] === 0x50) return { op: { op: 'qrStore', data: Buffer.from(body.subarray(3)) }, next };
          if (body[1] === 0x43) return { op: { op: 'qrSize', n: body[2] ?? 3 }, next };
          if (body[1] === 0x51) return { op: { op: 'qrPrint' }, next };
        }
        return { op: { op: 'skip', bytes: 5 + len }, next };
      }
      case 0x72:
        return has(3) ? { op: { op: 'statusGsR', n: b[i + 2]! }, next: i + 3 } : null;
      case 0x4c:
      case 0x57:
        return has(4) ? { next: i + 4 } : null; // GS L / GS W nL nH
      case 0x6b: {
        // GS k m …: barcode, skipped
        if (!has(3)) return null;
        const m = b[i + 2]!;
        if (m <= 6) {
          const end = b.indexOf(0, i + 3);
          return end < 0 ? null : { next: end + 1 };
        }
        if (!has(4)) return null;
        const n = b[i + 3]!;
        return has(4 + n) ? { next: i + 4 + n } : null;
      }
      default:
        return has(3) ? { next: i + 3 } : null; // GS B/H/h/w/f/a n …
    }
  }
}
