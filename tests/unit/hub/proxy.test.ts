/**
 * Behind a reverse proxy: the hub believes X-Forwarded-For only from the proxies named in
 * `trustProxy` — so audit rows and the per-address limits see the real client — and never from
 * anyone else (a client cannot pick its own address to dodge a lock-out). hub.json checks the list.
 */
import { describe, expect, it } from 'vitest';
import { parseHubFileConfig } from '../../../hub/config-file.ts';
import { seededDb, startHub, useDatabases, waitAudit, type Running } from './helpers.ts';

const [sqlite] = useDatabases();

async function failedLoginFrom(r: Running, forwardedFor: string): Promise<void> {
  const res = await fetch(`${r.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ username: 'canbo', password: 'sai-mat-khau' }),
    signal: AbortSignal.timeout(5000),
  });
  expect(res.status).toBe(401);
}

describe('client address behind a reverse proxy', () => {
  it('X-Forwarded-For is believed only from a trusted proxy', async () => {
    for (const [trustProxy, expected] of [
      [['127.0.0.1'], 'ip:203.0.113.7'], // the hub's proxy on the same machine
      [['10.0.0.0/8'], 'ip:127.0.0.1'], // a proxy list that does not include this client
      [undefined, 'ip:127.0.0.1'], // the default: the socket's address
    ] as const) {
      const r = await startHub(await seededDb(sqlite!), trustProxy ? { trustProxy: [...trustProxy] } : {});
      try {
        await failedLoginFrom(r, '203.0.113.7');
        const row = await waitAudit(r, (a) => a.action === 'login.failed' && a.target === 'user:canbo');
        expect(row.actor).toBe(expected);
      } finally {
        await r.hub.close();
      }
    }
  });

  it('hub.json: trustProxy takes addresses and CIDR blocks, nothing else', () => {
    expect(parseHubFileConfig(JSON.stringify({ trustProxy: ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8'] })).trustProxy).toHaveLength(4);
    for (const bad of [['localhost'], ['10.0.0.0/33'], ['10.0.0.1/8/1'], ['::1/129'], 'loopback']) {
      expect(() => parseHubFileConfig(JSON.stringify({ trustProxy: bad }))).toThrow(/trustProxy/);
    }
  });
});
