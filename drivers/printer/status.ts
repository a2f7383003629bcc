/**
 * ESC/POS real-time status (`DLE EOT n`, 0x10 0x04 n), answered by the printer as soon as it
 * arrives, even while it is stopped. Every reply byte has bit 1 and bit 4 set and bits 0 and 7 clear
 * (0x12 when nothing is reported).
 *
 *  n=1 printer:   bit 2 drawer pin 3 high · bit 3 offline · bit 5 waiting for online recovery · bit 6 feed button pressed
 *  n=2 offline:   bit 2 cover open · bit 3 paper fed by the feed button · bit 5 printing stopped at paper end · bit 6 error
 *  n=3 error:     bit 2 recoverable · bit 3 auto-cutter error · bit 5 unrecoverable error · bit 6 auto-recoverable error
 *  n=4 roll paper: bits 2–3 paper near end · bits 5–6 paper end (out)
 */

export const DLE_EOT = (n: 1 | 2 | 3 | 4): Buffer => Buffer.from([0x10, 0x04, n]);
/** The three queries the driver sends, in one write; the replies come back in order. */
export const STATUS_QUERY = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);

export const STATUS_FIXED = 0x12;
export const BIT = {
  printer: { drawer: 0x04, offline: 0x08, waitingRecovery: 0x20, feedButton: 0x40 },
  offline: { coverOpen: 0x04, feedByButton: 0x08, paperEndStop: 0x20, error: 0x40 },
  error: { recoverable: 0x04, cutter: 0x08, unrecoverable: 0x20, autoRecoverable: 0x40 },
  paper: { nearEnd: 0x0c, out: 0x60 },
} as const;

/** What the kiosk needs to know; `state` is the single word for screens and the hub. */
export type PrinterState = 'ready' | 'paper-out' | 'cover-open' | 'offline' | 'error' | 'unreachable';

export interface PrinterStatus {
  state: PrinterState;
  /** Answered the status query at all. */
  reachable: boolean;
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  error: boolean;
  /** The raw DLE EOT 1, 2, 4 replies (null when unreachable). */
  raw: [number, number, number] | null;
  at: string;
}

/** A reply byte must carry the fixed bits, else the stream is out of step (or not ESC/POS). */
export const isStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

export function parseStatus(printer: number, offline: number, paper: number, at = new Date()): PrinterStatus {
  const online = (printer & BIT.printer.offline) === 0;
  const coverOpen = (offline & BIT.offline.coverOpen) !== 0;
  const paperOut = (paper & BIT.paper.out) !== 0 || (offline & BIT.offline.paperEndStop) !== 0;
  const paperNearEnd = (paper & BIT.paper.nearEnd) !== 0;
  const error = (offline & BIT.offline.error) !== 0;
  const state: PrinterState = paperOut ? 'paper-out' : coverOpen ? 'cover-open' : error ? 'error' : !online ? 'offline' : 'ready';
  return { state, reachable: true, online, coverOpen, paperOut, paperNearEnd, error, raw: [printer, offline, paper], at: at.toISOString() };
}

export function unreachableStatus(at = new Date()): PrinterStatus {
  return { state: 'unreachable', reachable: false, online: false, coverOpen: false, paperOut: false, paperNearEnd: false, error: false, raw: null, at: at.toISOString() };
}

/** The replies a printer in this condition sends (used by the virtual printer). */
export function encodeStatus(c: { offline?: boolean; coverOpen?: boolean; paperOut?: boolean; paperNearEnd?: boolean; error?: boolean }): Record<1 | 2 | 3 | 4, number> {
  const stopped = !!(c.offline || c.coverOpen || c.paperOut || c.error);
  return {
    1: STATUS_FIXED | (stopped ? BIT.printer.offline : 0),
    2: STATUS_FIXED | (c.coverOpen ? BIT.offline.coverOpen : 0) | (c.paperOut ? BIT.offline.paperEndStop : 0) | (c.error ? BIT.offline.error : 0),
    3: STATUS_FIXED | (c.error ? BIT.error.unrecoverable : 0),
    4: STATUS_FIXED | (c.paperNearEnd || c.paperOut ? BIT.paper.nearEnd : 0) | (c.paperOut ? BIT.paper.out : 0),
  };
}

/** Printable: ready, paper in, cover shut. Paper near end still prints (and is reported). */
export const isReady = (s: PrinterStatus): boolean => s.state === 'ready';

/** A plain Vietnamese/English sentence for the resident and staff. */
export function describeStatus(s: PrinterStatus): { vi: string; en: string } {
  switch (s.state) {
    case 'ready':
      return s.paperNearEnd ? { vi: 'Máy in sắp hết giấy.', en: 'The printer is nearly out of paper.' } : { vi: 'Máy in sẵn sàng.', en: 'The printer is ready.' };
    case 'paper-out':
      return { vi: 'Máy in hết giấy.', en: 'The printer is out of paper.' };
    case 'cover-open':
      return { vi: 'Nắp máy in đang mở.', en: 'The printer cover is open.' };
    case 'error':
      return { vi: 'Máy in gặp lỗi.', en: 'The printer reports an error.' };
    case 'offline':
      return { vi: 'Máy in đang ngoại tuyến.', en: 'The printer is offline.' };
    case 'unreachable':
      return { vi: 'Không kết nối được máy in.', en: 'The printer does not answer.' };
  }
}
