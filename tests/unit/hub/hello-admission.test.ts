/**
 * Kiosk hellos admitted a few at a time to the database (issue 18, hub/server/admission.ts through
 * the gateway): a crowd of hellos never has more than `hellosAtOnce` of them at the database at once, every one
 * is answered, and a kiosk already connected gets its heartbeat acknowledged while they wait.
 */
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../hub/auth/crypto.ts';
import { openRepository } from '../../../hub/db/index.ts';
import type { HubRepository } from '../../../hub/db/repository.ts';
import { Client, kioskClient, seededDb, startHub, useDatabases, WARD } from './helpers.ts';

const [sqlite] = useDatabases().filter((t) => t.name === 'sqlite');
const N = 12;
const idOf = (i: number) => `adm-kiosk-${String(i).padStart(3, '0')}`;
const secretOf = (i: number) => `adm-secret-${String(i).padStart(40, '0')}`;
const HEALTH = { appVersion: '0.1.0', configVersion: null, uptimeSec: 100, printer: { state: 'ok', paperNearEnd: false }, scanner: { state: 'ok' }, diskFreeMb: 20_000, screen: 'home', crashesLastHour: 0 };

/** The repository with a slow kiosk lookup (60 ms, as under a loaded database) that counts how many run at once. */
function slowLookups(repo: HubRepository): { peak: () => number } {
  let now = 0;
  let peak = 0;
  const real = repo.getKiosk.bind(repo);
  repo.getKiosk = async (id: string) => {
    peak = Math.max(peak, ++now);
    try {
      await new Promise((r) => setTimeout(r, 60));
      return await real(id);
    } finally {
      now--;
    }
  };
  return { peak: () => peak };
}

async function crowd(hellosAtOnce: number): Promise<{ peak: number; ackMs: number; waitingAtAck: number }> {
  const url = await seededDb(sqlite!, async (repo) => {
    for (let i = 0; i <= N; i++) await repo.insertKiosk({ id: idOf(i), ward: WARD, name: `Kiosk ${i}`, secretHash: sha256Hex(secretOf(i)), enrolledAt: Date.now() });
  });
  const repo = await openRepository(url);
  const r = await startHub(url, { db: repo, limits: { hellosAtOnce, unauthenticatedPerAddress: 100, connectionsPerAddress: 100 } });
  const clients: Client[] = [];
  try {
    const first = await kioskClient(r, idOf(0), secretOf(0)); // connected before the crowd
    clients.push(first);
    const lookups = slowLookups(repo);
    const others = await Promise.all(Array.from({ length: N }, async () => {
      const c = new Client(r.wsUrl, 'kiosk');
      clients.push(c);
      await c.opened;
      return c;
    }));
    others.forEach((c, j) => c.send({ type: 'hello', kioskId: idOf(j + 1), secret: secretOf(j + 1), epoch: null, lastServerSeq: 0 }));
    await new Promise((res) => setTimeout(res, 20));
    const t0 = performance.now();
    first.send({ type: 'heartbeat', health: HEALTH });
    await first.type('heartbeat.ack', 5000);
    const ackMs = performance.now() - t0;
    const waitingAtAck = r.hub.gateway.admission.waiting;
    for (const c of others) await c.type('snapshot', 10_000); // every hello answered
    return { peak: lookups.peak(), ackMs, waitingAtAck };
  } finally {
    for (const c of clients) c.ws.terminate();
    await r.hub.close();
    await repo.close();
  }
}

describe('kiosk hellos admitted a few at a time', () => {
  it('12 hellos at once with hellosAtOnce 3: at most 3 at the database, all answered, the connected kiosk acked meanwhile', async () => {
    const paced = await crowd(3);
    expect(paced.peak).toBeLessThanOrEqual(3);
    expect(paced.peak).toBeGreaterThanOrEqual(2);
    expect(paced.waitingAtAck).toBeGreaterThan(0); // the heartbeat did not wait behind the queued hellos
    expect(paced.ackMs).toBeLessThan(1000);
    const unpaced = await crowd(100);
    expect(unpaced.peak).toBeGreaterThan(3); // what the limit prevents
  }, 60_000);
});
