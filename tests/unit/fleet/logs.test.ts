/**
 * A kiosk's recent logs at the hub: uploaded with the kiosk's credentials,
 * checked against the contract (a line that does not fit is refused and
 * audited, nothing stored), read by the ward's staff only.
 */
import { describe, expect, it } from 'vitest';
import { addUser, enrolKiosk, get, login, seededDb, startHub, useDatabases, waitAudit } from './helpers.ts';

const targets = useDatabases();
const OTHER_WARD = '000.00.13.H30';

async function put(url: string, body: unknown, headers: Record<string, string>) {
  const r = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
  return { status: r.status, json: (await r.json()) as any };
}

const line = (event: string, fields: Record<string, unknown> = {}) => ({ at: new Date().toISOString(), level: 'warn', scope: 'services', event, fields });

describe.each(targets)('kiosk logs on $name', (target) => {
  it('stores what the kiosk sends, refuses what does not fit, shows it to its ward only', async () => {
    const r = await startHub(await seededDb(target, (repo) => addUser(repo, { username: 'canbo2', role: 'staff', ward: OTHER_WARD })));
    try {
      const secret = await enrolKiosk(r, 'hang-bai-01');
      const auth = { authorization: `Kiosk hang-bai-01:${secret}` };
      expect((await put(`${r.url}/api/fleet/kiosk/logs`, { lines: [line('printer.paper-out'), line('catalogue.entry-skipped', { index: 3, code: '1.000000' })] }, auth)).status).toBe(200);

      const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`f${i}`, i]));
      const bad = await put(`${r.url}/api/fleet/kiosk/logs`, { lines: [line('x', tooMany)] }, auth);
      expect(bad.status).toBe(400);
      expect(bad.json.error.issues[0]).toMatch(/^lines\.0\.fields/);
      await waitAudit(r, (a) => a.action === 'http.bad_body' && a.target === '/api/fleet/kiosk/logs');
      expect((await put(`${r.url}/api/fleet/kiosk/logs`, { lines: [] }, { authorization: `Kiosk hang-bai-01:${'x'.repeat(43)}` })).status).toBe(401);

      const mine = await get(`${r.url}/api/fleet/kiosks/hang-bai-01/logs`, { cookie: await login(r, 'canbo') });
      expect(mine.status).toBe(200);
      expect(mine.json.logs.lines.map((l: { event: string }) => l.event)).toEqual(['printer.paper-out', 'catalogue.entry-skipped']);
      expect((await get(`${r.url}/api/fleet/kiosks/hang-bai-01/logs`, { cookie: await login(r, 'canbo2') })).status).toBe(403);
      expect((await get(`${r.url}/api/fleet/kiosks/hang-bai-01/logs`, { cookie: await login(r, 'tnv1') })).status).toBe(403);
      await waitAudit(r, (a) => a.action === 'logs.received' && a.detail === 'lines=2');
    } finally {
      await r.hub.close();
    }
  });
});
