/**
 * The adversarial suite's rig: a real hub on loopback (SQLite in a temp folder,
 * the demo users plus an admin, a staff member of another ward and one without a
 * ward), and the attacker's tools — raw HTTP, raw sockets, forged addresses through
 * a trusted proxy. Every wait is bounded.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, afterEach } from 'vitest';
import type { HubOptions } from '../../../hub/server/app.ts';
import { addUser, enrolKiosk, login, post, seededDb, startHub, WARD, type Running } from '../../unit/hub/helpers.ts';
import { tempDir } from '../../support/paths.ts';

export const OTHER_WARD = '000.00.12.H30';

/** One hub per test (closed after it); `start` may be called once per test. */
export function useHub(label: string): { start: (opts?: HubOptions) => Promise<Running>; dir: string } {
  const dir = tempDir(`adv-${label}`);
  let current: Running | null = null;
  let n = 0;
  afterEach(async () => {
    await current?.hub.close();
    current = null;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    async start(opts: HubOptions = {}) {
      const db = await seededDb({ name: 'sqlite', newUrl: async () => `sqlite:${path.join(dir, `hub-${++n}.sqlite`)}` }, async (repo) => {
        await addUser(repo, { username: 'admin', role: 'admin', ward: null });
        await addUser(repo, { username: 'canbo2', role: 'staff', ward: OTHER_WARD });
        await addUser(repo, { username: 'nowardstaff', role: 'staff', ward: null });
        await addUser(repo, { username: 'tnv9', role: 'volunteer', ward: OTHER_WARD });
      });
      current = await startHub(db, opts);
      return current;
    },
  };
}

/** Enrols a kiosk in any ward (the admin makes the code). */
export async function enrolIn(r: Running, ward: string, kioskId: string): Promise<string> {
  const admin = await login(r, 'admin');
  const code = await post(`${r.url}/api/enrolment-codes`, { ward, ttlMinutes: 10 }, admin);
  const e = await post(`${r.url}/api/kiosks/enrol`, { code: code.json.code, kioskId, name: `Kiosk ${kioskId}` });
  if (e.status !== 200) throw new Error(`enrol ${kioskId}: ${e.status}`);
  return e.json.secret as string;
}

export { enrolKiosk, WARD };

/** A call-back row (a resident's phone number) of a kiosk of `ward`. */
export async function plantCallback(r: Running, kioskId: string, ward: string, phone: string): Promise<string> {
  const requestId = randomUUID();
  const id = randomUUID();
  await r.hub.repo.insertRequest({ id: requestId, kioskId, ward, lang: 'vi', screen: 'welcome', createdAt: Date.now() });
  await r.hub.repo.transition(requestId, ['waiting'], 'callback', Date.now());
  await r.hub.repo.insertCallback({ id, requestId, kioskId, ward, lang: 'vi', phone, createdAt: Date.now() });
  return id;
}

/** A raw HTTP exchange over a socket: sends `head` (and `body` if any), resolves with what the server answered within `ms`. */
export function rawHttp(url: string, head: string, body: Buffer | string = '', ms = 3000): Promise<{ text: string; closed: boolean; elapsedMs: number }> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = net.connect(Number(u.port), u.hostname);
    let text = '';
    let closed = false;
    const done = () => {
      clearTimeout(timer);
      s.destroy();
      resolve({ text, closed, elapsedMs: Date.now() - t0 });
    };
    const timer = setTimeout(done, ms);
    s.on('data', (d) => {
      text += d.toString('latin1');
    });
    s.on('close', () => {
      closed = true;
      done();
    });
    s.on('error', () => undefined);
    s.write(head);
    if (body.length) s.write(body);
  });
}

export async function status(url: string, init: RequestInit = {}): Promise<number> {
  const r = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  await r.arrayBuffer();
  return r.status;
}
