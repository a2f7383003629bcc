/**
 * The ID camera in the services: the gate (session, consent, a camera, the step open), one frame at a
 * time off the request path, the reading fused into the session, errors said once and not at every
 * frame, nothing surviving the step or the session. Readers are stubbed here; the real drivers read a
 * real card photo in the contract suite and the end-to-end test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../common/contract/kiosk-api.ts';
import { candidatesFrom, QR_CONFIDENCE } from '../../../common/idcard/fuse.ts';
import type { CardReaders, CardReading, ReadOptions } from '../../../drivers/idcard/read-card.ts';
import { CAMERA_CANDIDATES_KEY, ERROR_REPEAT_MS, IdCardCamera, NO_CARD_FRAMES } from '../../../services/devices/idcard-camera.ts';
import { CONSENT_KEY, READING_KEY } from '../../../services/devices/idcard-reader.ts';
import { memoryLogger } from '../../../services/log.ts';
import { NoSessionError, SessionManager } from '../../../services/session.ts';
import { tempDir } from '../../support/paths.ts';

/** A tiny JPEG-looking payload (SOI + APP0): the stubs never decode it. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(96, 7)]).toString('base64');
const FIELDS = { idNumber: '079090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-01-01', sex: 'Nam' as const };
// The contract writes dates dd/mm/yyyy (the readers work with ISO inside).
const READ = { ...FIELDS, dateOfBirth: '01/01/1990' };

function okReading(): CardReading {
  const candidates = candidatesFrom(FIELDS, 'qr', QR_CONFIDENCE);
  return { ok: true, fields: FIELDS, sources: {}, confidence: {}, issues: [], expired: false, cardFound: true, candidates, timings: {} };
}
function failed(errorCode: CardReading['errorCode'], cardFound = false): CardReading {
  return { ok: false, fields: {}, sources: {}, confidence: {}, issues: [], expired: false, errorCode, cardFound, candidates: [], timings: {} };
}

function setup(opts: { camera?: boolean } = {}) {
  const sessions = new SessionManager(() => ({ idleSeconds: 90, warningSeconds: 30 }), { warning() {}, extended() {}, ended() {} }, () => 'vi', tempDir('camera-unit'));
  const events: { name: string; payload: unknown }[] = [];
  const calls: ReadOptions[] = [];
  let next: () => Promise<CardReading> = async () => failed('no_card');
  let clock = 0;
  const camera = new IdCardCamera(
    () => opts.camera ?? true,
    sessions,
    {
      read: (r) => events.push({ name: 'read', payload: r }),
      error: (e) => events.push({ name: 'error', payload: e }),
      camera: (open) => events.push({ name: 'camera', payload: open }),
    },
    memoryLogger(),
    {
      createReaders: async () => ({}) as CardReaders,
      read: async (_jpeg, _readers, o) => {
        calls.push(o);
        return next();
      },
      now: () => clock,
    },
  );
  return {
    sessions,
    camera,
    events,
    calls,
    setNext: (f: () => Promise<CardReading>) => (next = f),
    tick: (ms: number) => (clock += ms),
    errors: () => events.filter((e) => e.name === 'error').map((e) => (e.payload as { code: string; message: string }).code),
  };
}

/** A session whose resident consented and opened the camera step (disposed after the test). */
function cameraOpen() {
  const t = setup();
  cleanup.push(() => t.sessions.dispose());
  t.sessions.start('vi');
  t.sessions.put(CONSENT_KEY, true);
  t.camera.setOpen(true);
  return t;
}

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof KioskError) return e.code;
    if (e instanceof NoSessionError) return 'E_NO_SESSION';
    throw e;
  }
  return 'no error';
};

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

describe('IdCardCamera', () => {
  it('opens only in a session, after consent, on a kiosk with a camera; closing takes the camera back', () => {
    const t = setup();
    cleanup.push(() => t.sessions.dispose());
    expect(code(() => t.camera.setOpen(true))).toBe('E_NO_SESSION');
    t.sessions.start('vi');
    expect(code(() => t.camera.setOpen(true))).toBe('E_FORBIDDEN');
    t.sessions.put(CONSENT_KEY, true);
    expect(t.camera.setOpen(true)).toEqual({ open: true });
    expect(t.camera.isOpen).toBe(true);
    expect(t.camera.setOpen(false)).toEqual({ open: false });
    expect(t.events.filter((e) => e.name === 'camera').map((e) => e.payload)).toEqual([true, false]);
    const none = setup({ camera: false });
    none.sessions.start('vi');
    none.sessions.put(CONSENT_KEY, true);
    expect(code(() => none.camera.setOpen(true))).toBe('E_UNAVAILABLE');
    none.sessions.dispose();
  });

  it('refuses frames while the step is closed and anything that is not a JPEG', () => {
    const t = setup();
    cleanup.push(() => t.sessions.dispose());
    t.sessions.start('vi');
    t.sessions.put(CONSENT_KEY, true);
    expect(code(() => t.camera.frame(JPEG, 'scan'))).toBe('E_FORBIDDEN');
    t.camera.setOpen(true);
    const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(96)]).toString('base64');
    expect(code(() => t.camera.frame(png, 'scan'))).toBe('E_INVALID_PARAMS');
    t.sessions.put(CONSENT_KEY, false);
    expect(code(() => t.camera.frame(JPEG, 'scan'))).toBe('E_FORBIDDEN');
  });

  it('reads a frame off the request path and puts the fused reading into the session', async () => {
    const t = cameraOpen();
    t.setNext(async () => okReading());
    expect(t.camera.frame(JPEG, 'scan')).toEqual({ queued: true });
    expect(t.events.filter((e) => e.name === 'read')).toHaveLength(0); // not on the request path
    await t.camera.settled();
    const read = t.events.find((e) => e.name === 'read')?.payload as { fields: Record<string, string>; sources: Record<string, string> };
    expect(read.fields).toMatchObject(READ);
    expect(read.sources.idNumber).toBe('qr');
    expect(t.sessions.get(READING_KEY)).toEqual(read);
    // scan frames try the QR then the MRZ and stop at a QR; no OCR unless asked for
    expect(t.calls[0]).toMatchObject({ sources: ['qr', 'mrz'], stopAtQr: true });
  });

  it('"Chụp mặt trước" OCRs the front too, and a waiting front capture is not replaced by scan frames', async () => {
    const t = cameraOpen();
    let release!: () => void;
    t.setNext(() => new Promise((r) => (release = () => r(failed('no_card', true)))));
    t.camera.frame(JPEG, 'scan'); // being read
    expect(t.camera.frame(JPEG, 'front')).toEqual({ queued: true }); // waiting
    expect(t.camera.frame(JPEG, 'scan')).toEqual({ queued: false }); // dropped
    await new Promise((r) => setImmediate(r));
    const first = release;
    t.setNext(async () => failed('no_card'));
    first();
    await t.camera.settled();
    expect(t.calls.map((c) => c.sources)).toEqual([
      ['qr', 'mrz'],
      ['qr', 'mrz', 'ocr'],
    ]);
    // a front capture that finds nothing says so at once
    expect(t.errors()).toEqual(['no_card']);
  });

  it('says "không tìm thấy thẻ" after a few empty frames, not at every frame; a card without QR or MRZ is not an error', async () => {
    const t = cameraOpen();
    const send = async (n: number) => {
      for (let i = 0; i < n; i++) {
        t.camera.frame(JPEG, 'scan');
        await t.camera.settled();
      }
    };
    await send(NO_CARD_FRAMES - 1);
    expect(t.errors()).toEqual([]);
    await send(1);
    expect(t.errors()).toEqual(['no_card']);
    const err = t.events.find((e) => e.name === 'error')!.payload as { message: string; messageEn: string };
    expect(err.message).toBe('Không đọc được thẻ: không tìm thấy thẻ.');
    expect(err.messageEn).toContain('no card found');
    await send(5);
    expect(t.errors()).toEqual(['no_card']); // not repeated at every frame
    t.tick(ERROR_REPEAT_MS + 1);
    await send(1);
    expect(t.errors()).toEqual(['no_card', 'no_card']);
    t.setNext(async () => failed('no_card', true));
    t.tick(ERROR_REPEAT_MS + 1);
    await send(4);
    expect(t.errors()).toHaveLength(2);
    t.setNext(async () => failed('check_digit', true));
    await send(1);
    expect(t.errors()).toEqual(['no_card', 'no_card', 'check_digit']);
  });

  it('a frame the kiosk sent narrow (read as a small picture, "too_small") is a card in view, not "xin chụp lại gần hơn" (session 13)', async () => {
    const t = cameraOpen();
    t.setNext(async () => failed('too_small', true));
    for (let i = 0; i < NO_CARD_FRAMES + 2; i++) {
      t.camera.frame(JPEG, 'scan');
      await t.camera.settled();
    }
    expect(t.errors()).toEqual([]);
    t.camera.frame(JPEG, 'front');
    await t.camera.settled();
    expect(t.errors()).toEqual(['no_card']);
  });

  it('drops a frame whose step closed or whose session ended while it was read; nothing survives the session', async () => {
    const t = cameraOpen();
    let release!: () => void;
    t.setNext(() => new Promise((r) => (release = () => r(okReading()))));
    t.camera.frame(JPEG, 'scan');
    await new Promise((r) => setImmediate(r));
    t.sessions.end('timeout');
    t.camera.sessionEnded();
    release();
    await t.camera.settled();
    expect(t.events.filter((e) => e.name === 'read')).toHaveLength(0);
    t.sessions.start('vi');
    expect(t.camera.isOpen).toBe(false);
    expect(t.sessions.get(READING_KEY)).toBeUndefined();
    expect(t.sessions.get(CAMERA_CANDIDATES_KEY)).toBeUndefined();
    t.sessions.put(CONSENT_KEY, true);
    expect(code(() => t.camera.frame(JPEG, 'scan'))).toBe('E_FORBIDDEN');
  });
});
