/**
 * The ID card slice: the resident's consent, the reading (serial scanner or the camera's preview)
 * held in their session only, applied to the form in one call (`idcard.apply`), and forgetting it. It owns both device adapters: the scanner
 * (services/devices/idcard-reader.ts) and the camera's frames (services/devices/idcard-camera.ts).
 * Layer: node.
 */
import { kioskError, type IdCardReading } from '../../common/contract/kiosk-api.ts';
import { autofillFor } from '../../common/forms/autofill.ts';
import { REQUESTER } from '../../kiosk-config/catalogue.schema.ts';
import { CAMERA_CANDIDATES_KEY, IdCardCamera } from '../devices/idcard-camera.ts';
import { CONSENT_KEY, IdCardReader, READING_KEY } from '../devices/idcard-reader.ts';
import { NoSessionError } from '../session.ts';
import type { Handlers, KioskCore, Slice } from './slice.ts';

type IdCardMethods = 'idcard.consent' | 'idcard.reading' | 'idcard.clear' | 'idcard.apply' | 'idcard.camera' | 'idcard.frame';

export class IdCardSlice implements Slice<IdCardMethods> {
  /** The serial scanner (real or virtual). */
  readonly reader: IdCardReader;
  /** Camera frames from the renderer's preview (when the config has `devices.camera`). */
  readonly camera: IdCardCamera;
  readonly handlers: Handlers<IdCardMethods>;

  constructor(private readonly core: KioskCore) {
    const { sessions, log } = core;
    this.reader = new IdCardReader(
      core.config().devices.scanner,
      sessions,
      {
        read: (reading) => core.emit('idcard.read', reading),
        error: (e) => core.emit('idcard.error', e),
        status: () => core.fleet.deviceChanged(),
      },
      log,
    );
    this.camera = new IdCardCamera(
      () => core.config().devices.camera,
      sessions,
      {
        read: (reading) => core.emit('idcard.read', reading),
        error: (e) => core.emit('idcard.error', e),
        camera: (open) => core.emit('idcard.camera', { open }),
      },
      log,
    );
    const camera = this.camera;
    this.handlers = {
      'idcard.consent': ({ allow }) => {
        sessions.put(CONSENT_KEY, allow);
        if (!allow) {
          sessions.remove(READING_KEY);
          camera.close();
        }
        return { listening: allow, scanner: this.reader.status, camera: camera.available };
      },
      'idcard.reading': () => {
        if (!sessions.active) throw new NoSessionError();
        return { reading: sessions.get<IdCardReading>(READING_KEY) ?? null };
      },
      'idcard.clear': () => {
        sessions.remove(READING_KEY);
        sessions.remove(CAMERA_CANDIDATES_KEY);
        return { cleared: true as const };
      },
      // The confirmed reading onto the form in one call: the services hold the reading and the catalogue.
      'idcard.apply': ({ serviceCode, person, corrections }) => {
        if (!sessions.active) throw new NoSessionError();
        const s = core.service(serviceCode);
        const reading = sessions.get<IdCardReading>(READING_KEY);
        if (!reading) throw kioskError('E_NOT_FOUND');
        const answers = autofillFor(s.questions, person ?? REQUESTER, { ...reading.fields, ...corrections });
        for (const [questionId, value] of Object.entries(answers)) sessions.saveAnswer(serviceCode, questionId, value);
        sessions.remove(READING_KEY);
        sessions.remove(CAMERA_CANDIDATES_KEY);
        return { answers };
      },
      'idcard.camera': ({ open }) => camera.setOpen(open),
      'idcard.frame': ({ jpeg, mode }) => camera.frame(jpeg, mode),
    };
  }

  async start(): Promise<void> {
    try {
      await this.reader.start();
    } catch (e) {
      this.core.log.error('scanner.start-failed', { error: e instanceof Error ? e.message : String(e) });
    }
    // The camera's readers (OCR workers, QR wasm) warm up in the background: the first resident does not wait.
    this.camera.warm();
  }

  sessionEnded(): void {
    this.camera.sessionEnded();
  }

  async close(): Promise<void> {
    await this.reader.stop();
    await this.camera.stop();
  }
}
