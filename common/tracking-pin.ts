/**
 * The tracking PIN printed (in the receipt's QR) with an application code (issue 17, finding 6):
 * 8 digits, HMAC-SHA256 of the code keyed with the SHA-256 of the submitting kiosk's device
 * secret. The kiosk computes it when it prints; the hub, which keeps only that hash, computes the
 * same when the application arrives and keeps a hash of the PIN. Nobody without the kiosk's secret
 * can compute it, so codes can no longer be walked. Web Crypto: the same in Node and browsers.
 * Layer: common (pure TS).
 */
export const TRACKING_PIN = /^\d{8}$/;

export async function trackingPin(secretHashHex: string, code: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await globalThis.crypto.subtle.importKey('raw', enc.encode(secretHashHex), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, enc.encode(`track:${code.trim().toUpperCase()}`)));
  // 40 bits → 8 decimal digits (the bias of 2^40 mod 10^8 is below 10^-4: irrelevant here).
  let n = 0;
  for (let i = 0; i < 5; i++) n = n * 256 + mac[i]!;
  return String(n % 100_000_000).padStart(8, '0');
}
