/**
 * The kiosk's hub client reconnects with common/backoff.ts (issue 18): a kiosk with nothing urgent
 * waits out its spread (a crowd dropped by an instance's death comes back paced), but a help action
 * while it waits — the resident tapped “Cần hỗ trợ” — connects at once; a kiosk whose help request
 * is open comes back within the short urgent window.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { HubToKiosk } from '../../../common/contract/hub-kiosk.ts';
import { HubClient } from '../../../services/hub/hub-client.ts';
import { memoryLogger } from '../../../services/log.ts';

const servers: WebSocketServer[] = [];
const clients: HubClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A hub stand-in: counts connections, answers hello with welcome + snapshot (request as given), cuts the first connection. */
async function fakeHub(request: unknown): Promise<{ url: string; connections: number[]; received: { conn: number; type: string }[]; cut: () => void }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(wss);
  await new Promise((r) => wss.once('listening', r));
  const connections: number[] = [];
  const received: { conn: number; type: string }[] = [];
  let last: WebSocket | null = null;
  let seq = 0;
  wss.on('connection', (ws) => {
    connections.push(performance.now());
    const conn = connections.length;
    last = ws;
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string; seq: number };
      received.push({ conn, type: m.type });
      if (m.type !== 'hello') return;
      const welcome = HubToKiosk.parse({ type: 'welcome', seq: ++seq, epoch: 'epoch-test-1', lastClientSeq: m.seq, resumed: false, replayed: 0 });
      const snapshot = HubToKiosk.parse({ type: 'snapshot', seq: ++seq, kioskId: 'kiosk-1', ward: '000.00.12.H29', request });
      for (const msg of [welcome, snapshot]) ws.send(JSON.stringify(msg));
    });
  });
  const { port } = wss.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, connections, received, cut: () => last?.terminate() };
}

const waiting = { requestId: '7f1c6c1e-1111-4111-8111-111111111111', state: 'waiting', lang: 'vi', screen: 'home', createdAt: Date.now(), attempt: 1, ringing: 0, call: null, options: null };

function client(url: string, random: () => number): { c: HubClient; states: string[] } {
  const states: string[] = [];
  const c = new HubClient({ url, kioskId: 'kiosk-1', secret: 's'.repeat(43), onMessage: () => undefined, onState: (s) => states.push(s), log: memoryLogger(), spreadMs: 60_000, random });
  clients.push(c);
  return { c, states };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the kiosk hub client reconnect (common/backoff.ts)', () => {
  it('nothing urgent: waits out its spread; a help action while waiting connects at once', async () => {
    const hub = await fakeHub(null);
    const { c } = client(hub.url, () => 0.99); // the far end of a 60 s spread
    c.start();
    await expect.poll(() => c.connection, { timeout: 5000 }).toBe('connected');
    hub.cut();
    await expect.poll(() => c.connection, { timeout: 5000 }).toBe('connecting');
    await sleep(700);
    expect(hub.connections.length).toBe(1); // still waiting (59 s to go)
    c.send({ type: 'help.request', lang: 'vi', screen: 'home' });
    await expect.poll(() => c.connection, { timeout: 5000 }).toBe('connected');
    expect(hub.connections.length).toBe(2);
  });

  it('a help request open: back within the urgent window (250 ms), not the spread', async () => {
    const hub = await fakeHub(waiting);
    const { c } = client(hub.url, () => 0.99);
    c.start();
    await expect.poll(() => c.request?.state ?? null, { timeout: 5000 }).toBe('waiting');
    const cutAt = performance.now();
    hub.cut();
    await expect.poll(() => hub.connections.length, { timeout: 5000 }).toBe(2);
    expect(hub.connections[1]! - cutAt).toBeLessThan(2000); // 250 ms window (+ load); the spread would be ~59 s
  });

  it('a help request written while the hub was away, or just before it died unanswered, reaches the next session; one the hub knows is not sent again', async () => {
    const hub = await fakeHub(null);
    const { c } = client(hub.url, () => 0.99);
    c.start();
    await expect.poll(() => c.connection, { timeout: 5000 }).toBe('connected');
    hub.cut();
    await expect.poll(() => c.connection, { timeout: 5000 }).toBe('connecting');
    // Tapped while away: nobody processed it, so it goes out after the welcome (its seq was below the hello's).
    c.send({ type: 'help.request', lang: 'vi', screen: 'home' });
    await expect.poll(() => hub.received.filter((m) => m.conn === 2 && m.type === 'help.request').length, { timeout: 5000 }).toBe(1);
    // The hub died before answering it; the next session's snapshot knows no request: sent again.
    hub.cut();
    await expect.poll(() => hub.received.filter((m) => m.conn === 3 && m.type === 'help.request').length, { timeout: 5000 }).toBe(1);

    const known = await fakeHub(waiting);
    const k = client(known.url, () => 0.99).c;
    k.start();
    await expect.poll(() => k.connection, { timeout: 5000 }).toBe('connected');
    k.send({ type: 'help.request', lang: 'vi', screen: 'home' });
    known.cut();
    await expect.poll(() => known.connections.length, { timeout: 5000 }).toBe(2);
    await sleep(300);
    expect(known.received.filter((m) => m.conn === 2 && m.type === 'help.request')).toHaveLength(0); // its snapshot has the request
  });
});
