/**
 * The kiosk configuration: one JSON file per kiosk, validated here.
 * Layer: common (zod only) — the hub validates what staff publish with the same schema.
 */
import { z } from 'zod';
import { LocalizedText } from './catalogue.schema.ts';
import { isCurrentWard } from '../common/admin/wards.ts';
import { AccountNumber, BankBin } from '../common/payments/vietqr.ts';

/**
 * pinD$scrypt$N$r$p$saltHex$hashHex: the scrypt hash of the staff PIN and its number of digits D
 * (made by `npm run --silent pin-hash`). D is in the hash so that the schema can refuse a PIN
 * shorter than MIN_PIN_DIGITS (issue 17, finding 15); a hash without it is refused.
 */
export const PIN_HASH_RE = /^pin(\d{1,2})\$scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]{16,128})\$([0-9a-f]{32,256})$/;
export const MIN_PIN_DIGITS = 6;
export const MAX_PIN_DIGITS = 12;
/** The digits a pinHash was made for (null: not a pinHash). */
export function pinHashDigits(pinHash: string): number | null {
  const m = PIN_HASH_RE.exec(pinHash);
  return m ? Number(m[1]) : null;
}
export const PinHash = z
  .string()
  .regex(PIN_HASH_RE, 'pinHash must be pinD$scrypt$N$r$p$salt$hash (npm run --silent pin-hash -- PIN)')
  .refine((h) => {
    const d = pinHashDigits(h);
    return d === null || (d >= MIN_PIN_DIGITS && d <= MAX_PIN_DIGITS);
  }, `the staff PIN must have ${MIN_PIN_DIGITS} to ${MAX_PIN_DIGITS} digits: make a new pinHash with npm run --silent pin-hash -- PIN`);

const SerialPath = z.string().min(1).max(256);

export const PrinterConfig = z.discriminatedUnion('transport', [
  z.object({ transport: z.literal('none') }).strict(),
  z.object({ transport: z.literal('virtual'), paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80) }).strict(),
  z.object({ transport: z.literal('serial'), path: SerialPath, baudRate: z.number().int().positive().default(9600), model: z.string().max(64).default('generic'), paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80) }).strict(),
  z.object({ transport: z.literal('network'), host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535).default(9100), model: z.string().max(64).default('generic'), paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80) }).strict(),
  z.object({ transport: z.literal('usb'), path: SerialPath, model: z.string().max(64).default('generic'), paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80) }).strict(),
]);

export const ScannerConfig = z.discriminatedUnion('transport', [
  z.object({ transport: z.literal('none') }).strict(),
  z.object({ transport: z.literal('virtual') }).strict(),
  z.object({ transport: z.literal('serial'), path: SerialPath, baudRate: z.number().int().positive().default(9600), suffix: z.enum(['cr', 'lf', 'crlf', 'none']).default('cr') }).strict(),
]);

/** The ward's place in the 2025 units: a 2-digit province and a 5-digit ward of that province. */
export const WardUnit = z
  .object({
    provinceCode: z.string().regex(/^\d{2}$/, 'provinceCode is 2 digits (2025 units, e.g. 01)'),
    wardCode: z.string().regex(/^\d{5}$/, 'wardCode is 5 digits (2025 units, e.g. 00082)'),
  })
  .strict()
  .refine((u) => isCurrentWard(u.provinceCode, u.wardCode), {
    message: 'not a current ward of that province in the 2025 units (npm run --silent address -- "…" finds the codes)',
    path: ['wardCode'],
  });

/** The payee of the ward's fees (a VietQR transfer): NAPAS bank BIN, account, account holder's name. */
export const Payee = z
  .object({
    bankBin: BankBin,
    account: AccountNumber,
    accountName: z.string().trim().min(2).max(70),
  })
  .strict();
export type Payee = z.infer<typeof Payee>;

export const KioskConfigSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** Set by whoever publishes it (the hub, or a person editing the file). */
    version: z.string().min(1).max(64),
    ward: z
      .object({
        name: LocalizedText,
        address: LocalizedText,
        /** Receiving agency code V1V2V3.Z1Z2.Y1Y2.MX1X2 (Thông tư 01/2018/TT-VPCP). */
        agencyCode: z.string().regex(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/, 'agencyCode must look like 000.00.12.H29'),
        hotline: z.string().regex(/^[0-9 .+()-]{3,20}$/),
        counterHours: LocalizedText,
        /**
         * The ward in the 2025 units (34 provinces, 3,321 wards: common/admin/): codes as in the
         * national statistics office's table, checked against it — a gone or mistyped ward is refused.
         */
        unit: WardUnit,
        /** Where residents pay the ward's fees by VietQR (docs/payments.md); null: no QR from the kiosk. */
        payee: Payee.nullable().default(null),
      })
      .strict(),
    kiosk: z
      .object({
        id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,40}$/),
        /** 1–9: the first digit of this kiosk's daily application sequence, so kiosks of one ward never collide. */
        number: z.number().int().min(1).max(9),
      })
      .strict(),
    hub: z.object({ url: z.url().nullable() }).strict(),
    devices: z.object({ printer: PrinterConfig, scanner: ScannerConfig, camera: z.boolean().default(false) }).strict(),
    timeouts: z
      .object({
        /** Inactivity before the warning (Kiosk Pro recommends 30–60 s; forms need longer). */
        idleSeconds: z.number().int().min(15).max(1800),
        /** WCAG 2.2.1: at least 20 s to respond to the warning. */
        warningSeconds: z.number().int().min(20).max(300),
      })
      .strict(),
    languages: z
      .object({ default: z.enum(['vi', 'en']), enabled: z.array(z.enum(['vi', 'en'])).min(1) })
      .strict()
      .refine((l) => l.enabled.includes(l.default), { message: 'the default language must be enabled', path: ['default'] }),
    accessibility: z
      .object({ voiceGuidance: z.boolean(), largeTextDefault: z.boolean(), highContrastDefault: z.boolean() })
      .strict(),
    staff: z
      .object({
        pinHash: PinHash,
        exitCorner: z.enum(['top-left', 'top-right']),
        exitTaps: z.number().int().min(3).max(10),
      })
      .strict(),
    /** "all", or the national codes of the procedures this kiosk offers. */
    services: z.union([z.literal('all'), z.array(z.string().regex(/^\d\.\d{6}$/)).min(1)]),
    maintenance: z.object({ active: z.boolean(), message: LocalizedText.nullable() }).strict(),
  })
  .strict();

export type KioskConfig = z.infer<typeof KioskConfigSchema>;

/** One line per problem, naming the field: `timeouts.warningSeconds: Too small: expected number to be >=20`. */
export function describeConfigError(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}
