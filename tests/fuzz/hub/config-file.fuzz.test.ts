/**
 * Fuzzing the hub's own configuration file, hub.json (issue 17), with fast-check: any text, any
 * JSON, the real file with one part replaced by something hostile, the real file cut short. The
 * file holds secrets (the TURN secret, the province's and the mail server's passwords), and its
 * error goes to the terminal and the service log. Property: parsing gives a config the schema
 * accepts, or an Error that names the file and says where or which field — never a raw
 * TypeError/RangeError, and never a secret from the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HubFileConfig, parseHubFileConfig } from '../../../hub/config-file.ts';

const SECRET = 'SECRET-mật-khẩu-7731';
const GOOD = {
  ringTimeoutMs: 30_000,
  secureCookies: true,
  trustProxy: ['127.0.0.1', '10.0.0.0/8'],
  turn: { urls: ['turn:127.0.0.1:3478'], secret: `${SECRET}-turn-0123456789`, ttl: 3600 },
  wardContacts: { '000.00.12.H29': { name: 'UBND phường Cửa Nam', phone: '024 3825 9999' } },
  fleet: { offlineAfterMs: 30_000, smtp: { host: 'smtp.example.vn', port: 587, from: 'kiosk@example.vn', to: 'canbo@example.vn', auth: { user: 'kiosk', pass: SECRET } } },
  retention: { applicationDataDays: 90, auditDays: 365 },
  province: { kind: 'opencps', url: 'https://motcua.example.vn', user: 'motcua', password: SECRET, groupId: '35417', agencyCode: '000.00.12.H29' },
};
const PATHS = ['ringTimeoutMs', 'secureCookies', 'trustProxy', 'trustProxy.0', 'turn', 'turn.urls', 'turn.secret', 'turn.ttl', 'wardContacts', 'fleet', 'fleet.smtp', 'fleet.smtp.port', 'fleet.smtp.auth', 'fleet.smtp.auth.pass', 'retention.auditDays', 'province', 'province.url', 'province.password', 'province.groupId', 'province.agencyCode', 'extra'];
const HOSTILE: unknown[] = [null, true, 0, -1, 1e308, 2.5, '', ' ', SECRET, `${SECRET}"`, '__proto__', '\u0000', 'x'.repeat(5000), [], {}, [SECRET], { [`k`]: SECRET }, 'javascript:alert(1)', 'ftp://x', '0.0.0.0/0', '::/0', '999.1.1.1'];

function mutate(path: string, v: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(GOOD)) as Record<string, any>;
  const keys = path.split('.');
  let o: any = copy;
  for (const k of keys.slice(0, -1)) o = o[k];
  o[keys[keys.length - 1]!] = v;
  return copy;
}

const goodText = JSON.stringify(GOOD, null, 2);
const text = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...PATHS), fc.oneof(fc.constantFrom(...HOSTILE), fc.jsonValue({ maxDepth: 3 }))).map(([p, v]) => JSON.stringify(mutate(p, v), null, 2)) },
  { weight: 3, arbitrary: fc.nat({ max: goodText.length }).map((n) => goodText.slice(0, n)) }, // cut short: the secrets are in what remains
  { weight: 2, arbitrary: fc.tuple(fc.nat({ max: goodText.length }), fc.string({ maxLength: 3 })).map(([n, s]) => goodText.slice(0, n) + s + goodText.slice(n)) }, // a stray character
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.oneof(fc.string(), fc.string({ unit: 'binary' })) },
  { weight: 1, arbitrary: fc.constantFrom(SECRET, `${SECRET} {`, `{"province": ${SECRET}}`, '\uFEFF' + goodText, goodText) },
);

describe('fuzzing hub.json', () => {
  it('gives a valid config or a clear error naming the file — never a secret from it', () => {
    const seen = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(text, (t) => {
        let cfg: unknown;
        try {
          cfg = parseHubFileConfig(t, 'hub.json');
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
          expect((e as Error).constructor).toBe(Error); // not a TypeError / RangeError from inside
          expect((e as Error).message).toMatch(/^hub\.json: /);
          expect((e as Error).message).not.toContain('SECRET');
          expect((e as Error).message.length).toBeLessThan(2000);
          seen.refused++;
          return;
        }
        expect(HubFileConfig.safeParse(cfg).success).toBe(true);
        seen.ok++;
      }),
      { numRuns: 4000, interruptAfterTimeLimit: 30_000 },
    );
    const n = seen.ok + seen.refused; // in proportion: a loaded machine may stop at the time bound
    expect(n).toBeGreaterThan(500);
    expect(seen.ok).toBeGreaterThan(n * 0.02);
    expect(seen.refused).toBeGreaterThan(n * 0.3);
  });

  it('says where the JSON breaks (line and column), not what is there', () => {
    expect(() => parseHubFileConfig(`{\n  "province": {"password": "${SECRET}" x}\n}`, 'hub.json')).toThrow(/^hub\.json: not valid JSON \(line 2, column \d+\)$/);
    expect(() => parseHubFileConfig(SECRET, 'hub.json')).toThrow(/^hub\.json: not valid JSON$/); // V8 quoted the text here
  });
});
