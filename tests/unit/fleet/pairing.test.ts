/**
 * Pairing, the kiosk's side (services/fleet/pairing.ts through the real kiosk services) against a
 * real in-process hub (SQLite): the enrolment screen's code comes from the hub without the PIN,
 * staff approve it over the console's HTTP API, the kiosk stores its secret, connects and is online;
 * an expired code is replaced; a known kiosk id waits until staff allow its re-enrolment; an
 * unreachable hub; a code typed on the kiosk's pad ends the pairing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PairingState } from '../../../common/contract/kiosk-api.ts';
import { openRepository } from '../../../hub/db/index.ts';
import type { HubOptions } from '../../../hub/server/app.ts';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services.ts';
import { memoryLogger } from '../../../services/log.ts';
import { DEFAULT_CONFIG, DEMO_PIN, FIXTURE_CATALOGUE, tempDir } from '../../support/paths.ts';
import { enrolKiosk, get, login, post, seedUsers, startHub, until, WARD, type Running } from './helpers.ts';

const ctx = { carrier: 'browser' as const };
const KIOSK_ID = 'hang-bai-01';

interface Rig {
  hub: Running | null;
  s: KioskServices;
  cookie: string | null;
  logger: ReturnType<typeof memoryLogger>;
  states: PairingState[];
  open(): Promise<KioskServices>;
  call(m: string, p?: unknown): Promise<any>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.s.close().catch(() => undefined);
    await r.hub?.hub.close().catch(() => undefined);
  }
});

async function rig(opts: { hub?: HubOptions; hubUrl?: string; before?: (hub: Running) => Promise<void> } = {}): Promise<Rig> {
  const dir = tempDir('pairing');
  let hub: Running | null = null;
  let cookie: string | null = null;
  if (!opts.hubUrl) {
    const file = path.join(dir, 'hub.sqlite');
    const repo = await openRepository(`sqlite:${file}`);
    await seedUsers(repo);
    await repo.close();
    hub = await startHub(`sqlite:${file}`, { fleet: { consoleFlushMs: 50 }, ...opts.hub });
    cookie = await login(hub, 'canbo');
    await opts.before?.(hub);
  }
  const base = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, any>;
  const configPath = path.join(dir, 'kiosk.json');
  writeFileSync(configPath, JSON.stringify({ ...base, hub: { url: opts.hubUrl ?? hub!.url }, devices: { ...base.devices, printer: { transport: 'none' }, scanner: { transport: 'none' } } }));
  const logger = memoryLogger();
  const states: PairingState[] = [];
  const r: Rig = {
    hub,
    cookie,
    logger,
    states,
    s: null as unknown as KioskServices,
    async open() {
      const s = await createKioskServices({
        configPath,
        cataloguePath: FIXTURE_CATALOGUE,
        dataDir: path.join(dir, 'kiosk'),
        tmpRoot: tempDir('pairing-tmp'),
        carrier: 'browser',
        appVersion: '0.1.0',
        logger,
        fleet: { heartbeatMs: 300, statsMs: 300 },
        pairing: { minBackoffMs: 100, maxBackoffMs: 400, refusedRetryMs: 200 },
      });
      s.onEvent((e, p) => {
        if (e === 'enrolment.pairing') states.push(PairingState.parse(p));
      });
      return s;
    },
    async call(m, p = {}) {
      const env = await r.s.dispatch(m, p, ctx);
      if (!env.ok) throw Object.assign(new Error(`${m}: ${env.error.code}`), { code: env.error.code });
      return env.result as any;
    },
  };
  r.s = await r.open();
  rigs.push(r);
  return r;
}

const showing = (r: Rig) => until(async () => {
  const p = PairingState.parse(await r.call('enrolment.pairing'));
  return p.state === 'showing' ? p : null;
}, 'a pairing code on the screen');

describe('kiosk pairing', () => {
  it('shows a code from the hub without the PIN; staff approve it in the console; the kiosk enrols, connects and keeps its secret', async () => {
    const r = await rig();
    expect(r.s.info().enrolment).toBe('needed');
    const p = await showing(r);
    expect(p).toMatchObject({ kioskId: KIOSK_ID, name: expect.stringContaining('Kiosk số 1') });
    expect(p.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(r.states.at(-1)).toEqual(p); // the screen was told
    await expect(r.call('session.start', { lang: 'vi' })).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });

    const look = await post(`${r.hub!.url}/api/kiosks/pairing/lookup`, { pairingCode: p.code }, r.cookie!);
    expect(look.json).toMatchObject({ kioskId: KIOSK_ID, name: p.name });
    const enrolled = new Promise((resolve) => r.s.onEvent((e, x) => e === 'kiosk.changed' && (x as { enrolment?: string }).enrolment === 'enrolled' && resolve(x)));
    expect((await post(`${r.hub!.url}/api/kiosks/pairing/approve`, { pairingCode: p.code, ward: WARD }, r.cookie!)).status).toBe(200);
    await enrolled;
    expect(r.s.info().enrolment).toBe('enrolled');
    await until(() => r.s.fleet.connected, 'connected with the secret from the poll');
    await until(async () => (await get(`${r.hub!.url}/api/fleet/kiosks/${KIOSK_ID}`, { cookie: r.cookie! })).json.kiosk?.online, 'online in the console');
    expect(await r.call('enrolment.pairing')).toMatchObject({ state: 'off', code: null });
    expect(r.states.at(-1)).toMatchObject({ state: 'off' });
    expect(await r.call('session.start', { lang: 'vi' })).toMatchObject({ active: true });
    await r.call('session.end', { reason: 'cancelled' });
    // Neither the code nor a secret is logged.
    expect(JSON.stringify(r.logger.lines)).not.toContain(p.code);
    // The secret is kept across a restart: no pairing again.
    await r.s.close();
    r.s = await r.open();
    expect(r.s.info().enrolment).toBe('enrolled');
    await until(() => r.s.fleet.connected, 'reconnected with the stored secret');
    expect((await r.call('enrolment.pairing')).state).toBe('off');
  });

  it('an expired code is replaced by a new one on the screen', async () => {
    const r = await rig({ hub: { pairing: { ttlMs: 1200, pollMs: 500 } } });
    const first = await showing(r);
    const second = await until(async () => {
      const p = PairingState.parse(await r.call('enrolment.pairing'));
      return p.state === 'showing' && p.code !== first.code ? p : null;
    }, 'a new code after expiry', 8000);
    expect(second.expiresAt!).toBeGreaterThan(first.expiresAt!);
    // The old code cannot be approved any more; the new one can.
    expect((await post(`${r.hub!.url}/api/kiosks/pairing/approve`, { pairingCode: first.code, ward: WARD }, r.cookie!)).status).toBe(404);
    expect((await post(`${r.hub!.url}/api/kiosks/pairing/approve`, { pairingCode: second.code, ward: WARD }, r.cookie!)).status).toBe(200);
    await until(() => r.s.fleet.connected, 'connected');
  });

  it('a kiosk id the hub knows waits until staff allow its re-enrolment, then pairs', async () => {
    const r = await rig({ before: async (hub) => void (await enrolKiosk(hub, KIOSK_ID)) });
    await until(async () => (await r.call('enrolment.pairing')).state === 'already-enrolled', 'already enrolled');
    expect((await post(`${r.hub!.url}/api/kiosks/${KIOSK_ID}/reenrol`, {}, r.cookie!)).status).toBe(200);
    const p = await showing(r);
    expect((await post(`${r.hub!.url}/api/kiosks/pairing/approve`, { pairingCode: p.code, ward: WARD }, r.cookie!)).json).toMatchObject({ reenrol: true });
    await until(() => r.s.fleet.connected, 'connected with the new secret');
  });

  it('an unreachable hub: the screen says so and the kiosk keeps trying', async () => {
    const r = await rig({ hubUrl: 'http://127.0.0.1:9' });
    await until(async () => (await r.call('enrolment.pairing')).state === 'unreachable', 'unreachable');
    expect(r.s.info().enrolment).toBe('needed');
  });

  it('a code typed on the kiosk pad (the other way) ends the pairing', async () => {
    const r = await rig();
    const p = await showing(r);
    const code = (await post(`${r.hub!.url}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 10 }, r.cookie!)).json.code as string;
    await r.call('staff.unlock', { pin: DEMO_PIN });
    expect(await r.call('staff.enrol', { code })).toEqual({ enrolled: true, reason: null });
    expect((await r.call('enrolment.pairing')).state).toBe('off');
    // The pairing code cannot enrol the id a second time.
    expect((await post(`${r.hub!.url}/api/kiosks/pairing/approve`, { pairingCode: p.code, ward: WARD }, r.cookie!)).status).toBe(409);
  });
});
