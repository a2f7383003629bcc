/**
 * The ID camera (issue 4, item 2): the renderer shows a live preview with a card-shaped frame and
 * sends a downscaled JPEG every ~400 ms (`idcard.frame`); here each frame is read with the existing
 * drivers — the card's QR first (zxing-wasm), else its MRZ; the printed front (tesseract) only when
 * the resident taps "Chụp mặt trước" — off the request path, one frame at a time, and the result is
 * fused and emitted as the usual `idcard.read` / `idcard.error`. Layer: node.
 *
 * Only in a session, after consent, while the camera step is open. Frames live in memory only (never
 * on disk) and are dropped when the step closes or the session ends; the reading lives in the session.
 * Nothing of a frame or a field is logged.
 */
import { kioskError, type IdCardReading } from '../../common/contract/kiosk-api.ts';
import type { Candidate, IdCardErrorCode } from '../../common/idcard/fields.ts';
import { fuse } from '../../common/idcard/fuse.ts';
import { closeReaders, createReaders, readCardImage, type CardReaders, type CardReading, type ReadOptions } from '../../drivers/idcard/read-card.ts';
import type { Logger } from '../log.ts';
import { NoSessionError, type SessionManager } from '../session.ts';
import { CONSENT_KEY, idcardErrorPayload, READING_KEY, toReading } from './idcard-reader.ts';

/** Candidates read by the camera since the step opened (fused together): session only. */
export const CAMERA_CANDIDATES_KEY = 'idcard.cameraCandidates';

/** No card in this many scan frames in a row before "không tìm thấy thẻ" is said. */
export const NO_CARD_FRAMES = 3;
/** The same error is not repeated more often than this (ms). */
export const ERROR_REPEAT_MS = 4000;

export type FrameMode = 'scan' | 'front';

export interface IdCardCameraEvents {
  read(reading: IdCardReading): void;
  error(e: { code: string; message: string; messageEn: string }): void;
  /** The camera step opened or closed (the Electron shell grants the camera only while it is open). */
  camera(open: boolean): void;
}

export interface IdCardCameraOptions {
  /** How to start the readers (tests inject a stub). Default: warm OCR pools (1 vie + 1 eng worker) and the QR reader. */
  createReaders?: () => Promise<CardReaders>;
  /** How to read one frame (tests inject a stub). Default: drivers/idcard/read-card.ts. */
  read?: (jpeg: Buffer, readers: CardReaders, opts: ReadOptions) => Promise<CardReading>;
  now?: () => number;
}

interface Job {
  jpeg: Buffer;
  mode: FrameMode;
  sessionId: string;
}

export class IdCardCamera {
  private readers: Promise<CardReaders> | null = null;
  /** The session whose camera step is open, or null. */
  private openFor: string | null = null;
  private pending: Job | null = null;
  private busy: Promise<void> | null = null;
  private noCardStreak = 0;
  private lastError: { code: string; at: number } | null = null;
  private closed = false;

  constructor(
    /** The config's `devices.camera` (read each time: a new config applies between sessions). */
    private readonly enabled: () => boolean,
    private readonly sessions: SessionManager,
    private readonly events: IdCardCameraEvents,
    private readonly log: Logger,
    private readonly opts: IdCardCameraOptions = {},
  ) {}

  /** The kiosk has a camera for cards (config `devices.camera`). */
  get available(): boolean {
    return this.enabled();
  }

  get isOpen(): boolean {
    return this.openFor !== null && this.openFor === this.sessions.state().id;
  }

  /** Start the readers in the background (the first recognize is slow): at start, when there is a camera. */
  warm(): void {
    if (!this.enabled() || this.closed) return;
    void this.getReaders().catch(() => undefined);
  }

  private getReaders(): Promise<CardReaders> {
    if (!this.readers) {
      const make = this.opts.createReaders ?? defaultReaders;
      this.readers = make().catch((e: unknown) => {
        this.readers = null; // a later frame tries again
        this.log.error('idcard.camera-readers-failed', { error: e instanceof Error ? e.name : typeof e });
        throw e;
      });
    }
    return this.readers;
  }

  /** `idcard.camera`: open (session + consent + a camera) or close the camera step. */
  setOpen(open: boolean): { open: boolean } {
    if (!open) {
      this.close();
      return { open: false };
    }
    if (!this.sessions.active) throw new NoSessionError();
    if (!this.enabled()) throw kioskError('E_UNAVAILABLE');
    if (this.sessions.get<boolean>(CONSENT_KEY) !== true) throw kioskError('E_FORBIDDEN');
    this.openFor = this.sessions.state().id;
    this.sessions.remove(CAMERA_CANDIDATES_KEY);
    this.noCardStreak = 0;
    this.lastError = null;
    this.warm();
    this.log.info('idcard.camera', { open: true });
    this.events.camera(true);
    return { open: true };
  }

  /** The step closed or consent was withdrawn: drop the waiting frame and take the camera back. */
  close(): void {
    this.pending = null;
    if (this.openFor === null) return;
    this.openFor = null;
    this.log.info('idcard.camera', { open: false });
    this.events.camera(false);
  }

  /** The session ended (the wipe): forget everything; the shell takes media back on `session.ended`. */
  sessionEnded(): void {
    this.pending = null;
    this.openFor = null;
    this.noCardStreak = 0;
    this.lastError = null;
  }

  /** `idcard.frame`: queue one frame (a newer scan frame replaces a waiting one). */
  frame(base64: string, mode: FrameMode): { queued: boolean } {
    if (!this.sessions.active) throw new NoSessionError();
    if (!this.isOpen || this.sessions.get<boolean>(CONSENT_KEY) !== true) throw kioskError('E_FORBIDDEN');
    const jpeg = Buffer.from(base64, 'base64');
    // A JPEG starts with SOI + a marker; anything else is refused before any decoder sees it.
    if (jpeg.length < 64 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8 || jpeg[2] !== 0xff) throw kioskError('E_INVALID_PARAMS');
    // A front capture the resident asked for is never replaced by a routine scan frame.
    if (this.pending?.mode === 'front' && mode === 'scan') return { queued: false };
    this.pending = { jpeg, mode, sessionId: this.openFor! };
    this.pump();
    return { queued: true };
  }

  /** Resolves when no frame is being read or waiting (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.busy) await this.busy;
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.pending = null;
    this.openFor = null;
    await this.settled();
    const r = this.readers;
    this.readers = null;
    if (r) await r.then(closeReaders, () => undefined);
  }

  private current(job: Job): boolean {
    return !this.closed && this.openFor === job.sessionId && this.sessions.state().id === job.sessionId && this.sessions.get<boolean>(CONSENT_KEY) === true;
  }

  private pump(): void {
    if (this.busy || !this.pending) return;
    const job = this.pending;
    this.pending = null;
    this.busy = this.process(job)
      .catch((e: unknown) => this.log.error('idcard.camera-frame-failed', { error: e instanceof Error ? e.name : typeof e }))
      .finally(() => {
        this.busy = null;
        this.pump();
      });
  }

  private async process(job: Job): Promise<void> {
    const t0 = performance.now();
    let readers: CardReaders;
    try {
      readers = await this.getReaders();
    } catch {
      if (this.current(job)) this.report('unavailable', true);
      return;
    }
    if (!this.current(job)) return;
    const read = this.opts.read ?? readCardImage;
    const r = await read(job.jpeg, readers, {
      sources: job.mode === 'front' ? ['qr', 'mrz', 'ocr'] : ['qr', 'mrz'],
      stopAtQr: job.mode === 'scan',
      timeoutMs: job.mode === 'front' ? 15_000 : 5_000,
    });
    job.jpeg = Buffer.alloc(0);
    if (!this.current(job)) return; // the step closed or the resident left meanwhile: drop it
    if (r.ok) {
      this.noCardStreak = 0;
      this.pending = null; // the card is read: frames sent meanwhile are of the same card
      const all = mergeCandidates(this.sessions.get<Candidate[]>(CAMERA_CANDIDATES_KEY) ?? [], r.candidates ?? []);
      this.sessions.put(CAMERA_CANDIDATES_KEY, all);
      const reading = toReading(fuse(all, { minConfidence: 0.35 }));
      if (Object.keys(reading.fields).length === 0) return;
      this.sessions.put(READING_KEY, reading);
      this.log.info('idcard.read', { source: 'camera', mode: job.mode, fields: Object.keys(reading.fields).length, ms: Math.round(performance.now() - t0) });
      this.events.read(reading);
      return;
    }
    // A camera frame is small only when the kiosk sent it narrower to fit (camera.ts SEND_WIDTHS): its size is the
    // kiosk's, not the resident's doing — "ảnh quá nhỏ…, xin chụp lại gần hơn" is for a picture the resident brought.
    const code: IdCardErrorCode = r.errorCode === 'too_small' ? 'no_card' : (r.errorCode ?? 'no_card');
    if (job.mode === 'scan' && code === 'no_card') {
      // A card is in view but shows neither QR nor MRZ (the 2024 front): the guidance on screen says
      // to turn it or to tap "Chụp mặt trước". No card at all: say so after a few frames, not at once.
      if (r.cardFound) {
        this.noCardStreak = 0;
        return;
      }
      if (++this.noCardStreak < NO_CARD_FRAMES) return;
    }
    this.report(code, job.mode === 'front');
  }

  private report(code: IdCardErrorCode, always: boolean): void {
    const now = (this.opts.now ?? Date.now)();
    if (!always && this.lastError && this.lastError.code === code && now - this.lastError.at < ERROR_REPEAT_MS) return;
    this.lastError = { code, at: now };
    this.log.warn('idcard.error', { code, source: 'camera' });
    this.events.error(idcardErrorPayload(code));
  }
}

/**
 * One vie worker (front OCR) and one eng worker (MRZ), started in the background: a QR frame is read
 * at once, an MRZ or front job waits in its pool until the worker is up.
 */
async function defaultReaders(): Promise<CardReaders> {
  const r = await createReaders({ vieWorkers: 1, engWorkers: 1, warm: false });
  void Promise.all([r.vie.warm(), r.eng.warm()]).catch(() => undefined);
  return r;
}

/** The same field, value and source once (the highest confidence): frames of one card do not pile up. */
function mergeCandidates(a: readonly Candidate[], b: readonly Candidate[]): Candidate[] {
  const by = new Map<string, Candidate>();
  for (const c of [...a, ...b]) {
    const k = `${c.field}\u0000${c.source}\u0000${c.value}`;
    const prev = by.get(k);
    if (!prev || prev.confidence < c.confidence) by.set(k, c);
  }
  return [...by.values()];
}
