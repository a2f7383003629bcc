/**
 * The ID card reader as the kiosk services use it: the serial 2D scanner (real
 * or virtual) → QR parse → fusion → an `idcard.read` event, only while a
 * resident has consented, only into their session. Layer: node.
 */
import type { IdCardReading } from '../../common/contract/kiosk-api.ts';
import { fromIsoDate } from '../../common/forms/dates.ts';
import { IdCardError, idcardErrorText, type IdCardErrorCode, type Source } from '../../common/idcard/fields.ts';
import { candidatesFrom, fuse, QR_CONFIDENCE, type FusedReading } from '../../common/idcard/fuse.ts';
import { createIdScanner, type CardEvent, type IdScanner, type ScannerStatus } from '../../drivers/idcard/scanner/index.ts';
import { VirtualScanner } from '../../drivers/idcard/scanner/virtual.ts';
import type { KioskConfig } from '../../kiosk-config/config.schema.ts';
import type { Logger } from '../log.ts';
import type { SessionManager } from '../session.ts';

export const CONSENT_KEY = 'idcard.consent';
export const READING_KEY = 'idcard.reading';

const DATE_FIELDS = ['dateOfBirth', 'issueDate', 'dateOfExpiry'] as const;

/**
 * The contract's reading from a fusion result: the readers work with ISO dates inside; the
 * contract writes them dd/mm/yyyy, like the form (a date that is not a date is left out).
 */
export function toReading(fused: FusedReading): IdCardReading {
  const fields: IdCardReading['fields'] = { ...fused.fields };
  const sources = { ...fused.sources } as Record<string, Source>;
  const confidence = { ...fused.confidence } as Record<string, number>;
  for (const f of DATE_FIELDS) {
    const iso = fused.fields[f];
    if (iso === undefined) continue;
    const date = fromIsoDate(iso);
    if (date) fields[f] = date;
    else {
      delete fields[f];
      delete sources[f];
      delete confidence[f];
    }
  }
  return {
    fields,
    sources,
    confidence,
    issues: fused.issues.map((i) => ({ code: i.code, message: i.message, fields: [...i.fields] })),
    expired: fused.expired,
  };
}

/** The `idcard.error` event for a reader's error code: Vietnamese first, English second. */
export function idcardErrorPayload(code: IdCardErrorCode): { code: string; message: string; messageEn: string } {
  const t = idcardErrorText(code);
  return { code, message: t.vi, messageEn: t.en };
}

export interface IdCardEvents {
  read(reading: IdCardReading): void;
  error(e: { code: string; message: string; messageEn: string }): void;
  status(s: ScannerStatus): void;
}

export class IdCardReader {
  private scanner: IdScanner | null = null;
  private virtual: VirtualScanner | null = null;

  constructor(
    private readonly config: KioskConfig['devices']['scanner'],
    private readonly sessions: SessionManager,
    private readonly events: IdCardEvents,
    private readonly log: Logger,
  ) {}

  /** The path a demo or test writes scans to, for the virtual scanner. */
  get virtualHostPath(): string | null {
    return this.virtual?.hostPath ?? null;
  }

  get status(): ScannerStatus | 'none' {
    return this.scanner?.status ?? 'none';
  }

  async start(): Promise<void> {
    const c = this.config;
    if (c.transport === 'none') return;
    let path: string;
    let opts: { baudRate?: number; suffix?: 'cr' | 'lf' | 'crlf' | 'none' } = {};
    if (c.transport === 'virtual') {
      this.virtual = await VirtualScanner.create();
      path = this.virtual.devicePath;
    } else {
      path = c.path;
      opts = { baudRate: c.baudRate, suffix: c.suffix };
    }
    const scanner = createIdScanner({ path, ...opts });
    scanner.on('card', (card: CardEvent) => this.onCard(card));
    scanner.on('error', (err: unknown) => this.onError(err));
    scanner.on('status', (s: ScannerStatus) => {
      this.log.info('scanner.status', { status: s });
      this.events.status(s);
    });
    this.scanner = scanner;
    await scanner.start();
  }

  async stop(): Promise<void> {
    await this.scanner?.stop();
    this.scanner = null;
    await this.virtual?.close();
    this.virtual = null;
  }

  private listening(): boolean {
    return this.sessions.active && this.sessions.get<boolean>(CONSENT_KEY) === true;
  }

  private onCard(card: CardEvent): void {
    if (!this.listening()) {
      this.log.info('idcard.ignored', { reason: this.sessions.active ? 'no-consent' : 'no-session' });
      return;
    }
    const reading = toReading(fuse(candidatesFrom(card.fields, 'qr', QR_CONFIDENCE)));
    this.sessions.put(READING_KEY, reading);
    this.log.info('idcard.read', { source: 'qr', fields: Object.keys(reading.fields).length, ms: Math.round(card.ms) });
    this.events.read(reading);
  }

  private onError(err: unknown): void {
    const code: IdCardErrorCode = err instanceof IdCardError ? err.code : 'garbage';
    this.log.warn('idcard.error', { code });
    if (!this.listening()) return;
    this.events.error(idcardErrorPayload(code));
  }
}
