/**
 * Passwords (scrypt, node:crypto, timing-safe), opaque tokens, device secrets
 * and TURN credentials. Layer: hub (node).
 */
import { createHash, createHmac, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const PASSWORD_HASH_RE = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]{32})\$([0-9a-f]{64})$/;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (the same format as the kiosk's staff PIN). N = 2^14 by default. */
export async function hashPassword(password: string, N = 16384, r = 8, p = 1): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, { N, r, p, maxmem: 256 * N * r });
  return `scrypt$${N}$${r}$${p}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/** Checks a password; a malformed stored hash is a mismatch. Timing-safe comparison. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = PASSWORD_HASH_RE.exec(stored);
  if (!m) return false;
  const [, n, r, p, saltHex, hashHex] = m;
  const N = Number(n);
  const R = Number(r);
  if (N > 1 << 20 || R > 32) return false;
  const expected = Buffer.from(hashHex!, 'hex');
  const actual = await scrypt(password, Buffer.from(saltHex!, 'hex'), expected.length, { N, r: R, p: Number(p), maxmem: 256 * N * R });
  return timingSafeEqual(actual, expected);
}

/** A hash with the default cost to verify against when the username is unknown (same time either way). */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomUUID());
  return dummyHash;
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** An opaque bearer token (session cookie, device secret): 256 random bits. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameHash(aHex: string, bHex: string): boolean {
  const a = Buffer.from(aHex, 'hex');
  const b = Buffer.from(bHex, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // 32 symbols: no 0/O/1/I
/** A one-time enrolment code: 8 symbols, 40 bits. */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(8);
  let s = '';
  for (const b of bytes) s += CODE_ALPHABET[b & 31];
  return s;
}

export interface TurnConfig {
  urls: string[];
  /** coturn `static-auth-secret`. */
  secret: string;
  /** Seconds the credentials stay valid. */
  ttl: number;
}

/** coturn REST-API credentials (`use-auth-secret`): username "<expiry>:<id>", password base64(HMAC-SHA1(secret, username)). */
export function turnCredentials(turn: TurnConfig, id: string, now = Date.now()): { urls: string[]; username: string; credential: string; expiresAt: number } {
  const expiry = Math.floor(now / 1000) + turn.ttl;
  const username = `${expiry}:${id}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { urls: turn.urls, username, credential, expiresAt: expiry * 1000 };
}
