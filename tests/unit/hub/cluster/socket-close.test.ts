/**
 * A logout, a disabled account, a password change (the user's other sessions) and a kiosk's replaced device secret close the party's sockets on
 * EVERY hub instance (issue 18; hub/server/socket-closer.ts): two hubs in this process on one
 * throwaway PostgreSQL with their own bus; the HTTP request goes to A, the socket sits on B.
 */
import { describe, expect, it } from 'vitest';
import { CLOSE_SESSION_ENDED } from '../../../../hub/server/gateway.ts';
import { consoleClient, enrolKiosk, kioskClient, login, PASSWORD, post, seededDb, startHub, useDatabases, WARD, closedAfterEach, type Client } from '../helpers.ts';

const pg = useDatabases().find((t) => t.name === 'postgres')!;
const { hubs, clients } = closedAfterEach();

const track = <T extends Client>(c: T): T => {
  clients.push(c);
  return c;
};

/** Resolves with the close code, or null if the socket is still open after `ms`. */
const closedWithin = (c: Client, ms: number) => Promise.race([c.closed.then((x) => x.code), new Promise<null>((r) => setTimeout(() => r(null), ms))]);

describe('sockets closed on every instance (PostgreSQL)', () => {
  it('logout and a disabled account on A close the console sockets on B; another user’s stays open', async () => {
    const url = await seededDb(pg);
    const a = await startHub(url);
    const b = await startHub(url);
    hubs.push(a, b);
    const c1 = await login(a, 'tnv1');
    const c2 = await login(a, 'tnv2');
    const staff = await login(a, 'canbo');
    const v1 = track(await consoleClient(b, c1));
    const v2 = track(await consoleClient(b, c2));
    const s1 = track(await consoleClient(b, staff));

    expect((await post(`${a.url}/api/logout`, {}, c1)).status).toBe(200);
    expect(await closedWithin(v1, 5_000)).toBe(CLOSE_SESSION_ENDED);

    expect((await post(`${a.url}/api/accounts/tnv2/disable`, { disabled: true }, staff)).status).toBe(200);
    expect(await closedWithin(v2, 5_000)).toBe(CLOSE_SESSION_ENDED);
    expect(await closedWithin(s1, 300)).toBeNull();
  });

  it('a password changed on A closes the user’s other consoles on B; the changing session’s stays open', async () => {
    const url = await seededDb(pg);
    const a = await startHub(url);
    const b = await startHub(url);
    hubs.push(a, b);
    // One console socket per user at a time: the other device's console is the open one.
    const [here, there] = [await login(a, 'tnv1'), await login(a, 'tnv1')];
    const vThere = track(await consoleClient(b, there));
    expect((await post(`${a.url}/api/password`, { currentPassword: PASSWORD, newPassword: 'mat-khau-moi-2026' }, here)).status).toBe(200);
    expect(await closedWithin(vThere, 5_000)).toBe(CLOSE_SESSION_ENDED);
    // The console of the session that changes the password stays open.
    const vHere = track(await consoleClient(b, here));
    expect((await post(`${a.url}/api/password`, { currentPassword: 'mat-khau-moi-2026', newPassword: 'mat-khau-khac-2027' }, here)).status).toBe(200);
    expect(await closedWithin(vHere, 500)).toBeNull();
  });

  it('a kiosk re-enrolled through A: its socket on B (the old secret) closes', async () => {
    const url = await seededDb(pg);
    const a = await startHub(url);
    const b = await startHub(url);
    hubs.push(a, b);
    const staff = await login(a, 'canbo');
    const secret = await enrolKiosk(a, 'doi-01', staff);
    const k = track(await kioskClient(b, 'doi-01', secret));
    expect((await post(`${a.url}/api/kiosks/doi-01/reenrol`, {}, staff)).status).toBe(200);
    const p = (await post(`${a.url}/api/kiosks/pairing`, { kioskId: 'doi-01', name: 'Kiosk đổi máy' })).json;
    expect((await post(`${a.url}/api/kiosks/pairing/approve`, { pairingCode: p.pairingCode, ward: WARD }, staff)).status).toBe(200);
    expect((await post(`${a.url}/api/kiosks/pairing/poll`, { pollToken: p.pollToken })).json.status).toBe('approved');
    expect(await closedWithin(k, 5_000)).toBe(4401);
  });
});
