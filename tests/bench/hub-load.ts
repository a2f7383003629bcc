/**
 * The load of bench:hub --instances: N simulated kiosks and V simulated volunteers speaking the
 * hub contracts over WebSocket through the load balancer(s), with every figure the bench prints.
 *
 *  - kiosks: each from its own loopback address (127.x.y.z), hello → snapshot, a heartbeat every
 *    15 s (spread evenly), heartbeat → heartbeat.ack timed; a close they did not ask for → reconnect
 *    with the real kiosk's back-off, the same code (common/backoff.ts: full jitter over 5 s, or
 *    250 ms · 2^attempt for a kiosk with an open help request or call, ≤ 10 s);
 *    `config.available` → GET the config through the balancer; applications resent on every
 *    snapshot until `outbox.ack` (as the kiosk's outbox does); a help request → wait for a
 *    volunteer, talk CALL_MS, hang up.
 *  - volunteers: log in (POST /api/login), console socket with the cookie, `available`; on `ring`
 *    the ring latency is taken (from the kiosk's help.request, same clock) and split by whether the
 *    volunteer sits on the kiosk's instance (HAProxy's x-served-by); every rung volunteer accepts
 *    at once (the first accept wins), the winner is in the call until `call.ended`.
 *
 * Bounded: every wait has a deadline; nothing here loops without one. Layer: tests (node).
 */
import http from 'node:http';
import WebSocket from 'ws';
import { HUB_CONSOLE_WS_PATH, HUB_KIOSK_WS_PATH } from '../../common/contract/hub-common.ts';
import { reconnectDelay } from '../../common/backoff.ts';
import { kioskAddress } from '../support/sim-kiosk.ts';

export const HEARTBEAT_MS = 15_000;
export const CALL_MS = 4_000;
export const WARD = '000.00.12.H29';
export const idOf = (i: number): string => `bench-${String(i).padStart(5, '0')}`;
export const secretOf = (i: number): string => `bench-secret-${String(i).padStart(32, '0')}`;

type Msg = { type: string } & Record<string, unknown>;

export function pct(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const s = Float64Array.from(xs).sort();
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
}

const health = (uptime: number) => ({
  appVersion: '0.1.0',
  configVersion: null,
  uptimeSec: uptime,
  printer: { state: 'ok', paperNearEnd: false },
  scanner: { state: 'ok' },
  diskFreeMb: 20_000,
  screen: 'home',
  crashesLastHour: 0,
});

interface Kiosk {
  i: number;
  front: string;
  ws: WebSocket | null;
  seq: number;
  sent: Map<number, number>;
  nextBeat: number;
  attempt: number;
  /** x-served-by of the current connection. */
  on: string;
  ready: boolean;
  droppedAt: number;
  help: { sentAt: number; requestId: string | null; callId: string | null; outcome: string | null } | null;
  apps: Map<string, Record<string, unknown>>;
}

interface Call {
  callId: string;
  kiosk: number;
  volunteer: string;
  kioskTold: boolean;
  volunteerTold: boolean;
  /** The instances of its two parties when it began. */
  kioskOn: string;
  volunteerOn: string;
}

export class Load {
  readonly kiosks: Kiosk[] = [];
  acks: number[] = [];
  counting = false;
  /** Socket errors and close codes the kiosks saw (by message / code), for the log. */
  readonly errors = new Map<string, number>();
  readonly closes = new Map<number, number>();
  readonly crossRing: number[] = [];
  readonly sameRing: number[] = [];
  readonly calls = new Map<string, Call>();
  helpSent = 0;
  appsSent = 0;
  readonly appsAcked = new Set<string>();
  /** Kiosks dropped by the kill and the time each got its snapshot back. */
  readonly reconnects: number[] = [];
  watchKillOf: string | null = null;
  killAt = 0;
  configTarget: string | null = null;
  readonly configFetched = new Set<number>();
  lastFetchAt = 0;
  private readonly agents: http.Agent[];
  private ticker: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly volunteers: Volunteer[] = [];

  constructor(
    private readonly fronts: string[],
    private readonly n: number,
  ) {
    this.agents = fronts.map(() => new http.Agent({ keepAlive: true, maxSockets: 64 }));
  }

  // ------------------------------------------------------------------ kiosks
  private connect(k: Kiosk): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(k.front.replace(/^http/, 'ws') + HUB_KIOSK_WS_PATH, { perMessageDeflate: false, localAddress: kioskAddress(k.i) });
      k.ws = ws;
      k.ready = false;
      const timer = setTimeout(() => reject(new Error(`kiosk ${k.i}: no snapshot in 30 s`)), 30_000);
      ws.on('upgrade', (res) => (k.on = String(res.headers['x-served-by'] ?? '?')));
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', seq: ++k.seq, kioskId: idOf(k.i), secret: secretOf(k.i), epoch: null, lastServerSeq: 0 })));
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as Msg;
        if (m.type === 'snapshot') {
          clearTimeout(timer);
          this.onSnapshot(k, m);
          resolve();
        } else this.onKiosk(k, m);
      });
      ws.on('error', (e) => this.errors.set(e.message.slice(0, 80), (this.errors.get(e.message.slice(0, 80)) ?? 0) + 1)); // 'close' follows
      ws.on('close', (code) => {
        clearTimeout(timer);
        if (k.ws !== ws) return;
        if (!this.stopped) this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
        const was = k.ready;
        k.ready = false;
        k.sent.clear();
        if (this.stopped) return;
        if (was) k.droppedAt = performance.now();
        reject(new Error(`kiosk ${k.i}: closed before its snapshot`));
        const delay = reconnectDelay(k.attempt, this.urgent(k));
        k.attempt++;
        setTimeout(() => void this.connect(k).catch(() => undefined), delay);
      });
    });
  }

  /** As the real kiosk (its hub client's open request): a help request waiting, or its call not ended. */
  private urgent(k: Kiosk): boolean {
    if (!k.help) return false;
    if (k.help.outcome === null) return true;
    return k.help.outcome === 'accepted' && k.help.callId !== null && !this.calls.get(k.help.callId)?.kioskTold;
  }

  private onSnapshot(k: Kiosk, m: Msg): void {
    k.ready = true;
    k.attempt = 0;
    if (k.droppedAt && this.killAt && k.droppedAt >= this.killAt) {
      this.reconnects.push(performance.now() - this.killAt);
      k.droppedAt = 0;
    }
    for (const item of k.apps.values()) this.kioskSend(k, { type: 'outbox.deliver', item });
    // Resync of the help request: what the hub still knows of it.
    const req = m.request as { requestId: string; call: { callId: string } | null } | null;
    if (k.help && !k.help.outcome) {
      // As the real kiosk (services/hub/hub-client.ts): a request the hub never queued (written just
      // before its instance died) is sent again; one it had queued and no longer knows is forgotten.
      if (!req && k.help.requestId === null) this.kioskSend(k, { type: 'help.request', lang: 'vi', screen: 'home' });
      else if (!req) k.help.outcome = 'forgotten';
      else if (k.help.callId && !req.call) this.callEnded(k.help.callId, 'kiosk');
    }
  }

  private onKiosk(k: Kiosk, m: Msg): void {
    switch (m.type) {
      case 'heartbeat.ack': {
        const t0 = k.sent.get(m.refSeq as number);
        if (t0 !== undefined) {
          k.sent.delete(m.refSeq as number);
          if (this.counting) this.acks.push(performance.now() - t0);
        }
        break;
      }
      case 'config.available':
        if (m.version === this.configTarget && !this.configFetched.has(k.i)) this.fetchConfig(k, String(m.configUrl));
        break;
      case 'outbox.ack':
        k.apps.delete(String(m.id));
        this.appsAcked.add(String(m.id));
        break;
      case 'help.queued':
        if (k.help) k.help.requestId = String((m.request as { requestId: string }).requestId);
        break;
      case 'help.accepted': {
        if (!k.help) break;
        k.help.outcome = 'accepted';
        const callId = String((m.call as { callId: string }).callId);
        k.help.callId = callId;
        setTimeout(() => this.kioskSend(k, { type: 'call.end', callId }), CALL_MS);
        break;
      }
      case 'help.unanswered':
        if (k.help) k.help.outcome = 'unanswered';
        break;
      case 'call.ended':
        this.callEnded(String(m.callId), 'kiosk');
        break;
    }
  }

  private kioskSend(k: Kiosk, m: Record<string, unknown>): boolean {
    if (!k.ready || k.ws?.readyState !== WebSocket.OPEN) return false;
    k.ws.send(JSON.stringify({ ...m, seq: ++k.seq }));
    return true;
  }

  private fetchConfig(k: Kiosk, configUrl: string): void {
    const front = this.fronts.indexOf(k.front);
    const req = http.get(`${k.front}${configUrl}`, { agent: this.agents[front], headers: { authorization: `Kiosk ${idOf(k.i)}:${secretOf(k.i)}` } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) {
          this.configFetched.add(k.i);
          this.lastFetchAt = performance.now();
        }
      });
    });
    req.on('error', () => undefined);
  }

  /** Connects every kiosk, 250 at a time, kiosk i through front i mod fronts. */
  async connectAll(): Promise<void> {
    for (let i = this.kiosks.length; i < this.n; i++) {
      this.kiosks.push({ i, front: this.fronts[i % this.fronts.length]!, ws: null, seq: 0, sent: new Map(), nextBeat: 0, attempt: 0, on: '?', ready: false, droppedAt: 0, help: null, apps: new Map() });
    }
    // A refused first try (the instance busy, a socket cut) goes through the kiosk's own back-off.
    for (let i = 0; i < this.n; i += 250) await Promise.all(this.kiosks.slice(i, i + 250).map((k) => this.connect(k).catch(() => this.waitReady(k, 60_000))));
  }

  /** Kiosks that never got their first snapshot within a minute of trying. */
  connectFailures = 0;

  private async waitReady(k: Kiosk, ms: number): Promise<void> {
    const until = performance.now() + ms;
    while (!k.ready && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
    if (!k.ready) this.connectFailures++;
  }

  /** Heartbeats spread evenly over 15 s; one ticker for all kiosks. */
  startBeats(): void {
    const start = performance.now();
    this.kiosks.forEach((k, j) => (k.nextBeat = start + (j / this.kiosks.length) * HEARTBEAT_MS));
    const order = [...this.kiosks].sort((a, b) => a.nextBeat - b.nextBeat);
    let cursor = 0;
    this.ticker = setInterval(() => {
      const now = performance.now();
      for (let guard = 0; guard < order.length && order[cursor % order.length]!.nextBeat <= now; guard++) {
        const k = order[cursor % order.length]!;
        if (k.ready) {
          const seq = ++k.seq;
          k.sent.set(seq, performance.now());
          k.ws!.send(JSON.stringify({ type: 'heartbeat', seq, health: health(Math.floor((now - start) / 1000) + 100) }));
        }
        k.nextBeat += HEARTBEAT_MS;
        cursor++;
      }
    }, 5);
  }

  /** A help request from a random ready kiosk with none open. */
  help(): void {
    for (let tries = 0; tries < 20; tries++) {
      const k = this.kiosks[Math.floor(Math.random() * this.kiosks.length)]!;
      if (!k.ready || (k.help && !k.help.outcome) || (k.help?.callId && this.calls.get(k.help.callId) && !this.calls.get(k.help.callId)!.kioskTold)) continue;
      k.help = { sentAt: performance.now(), requestId: null, callId: null, outcome: null };
      this.kioskSend(k, { type: 'help.request', lang: 'vi', screen: 'home' });
      this.helpSent++;
      return;
    }
  }

  /** The n-th application of run `run` from a random ready kiosk (kept and resent until acknowledged). */
  application(run: number, n: number): string | null {
    for (let tries = 0; tries < 20; tries++) {
      const k = this.kiosks[Math.floor(Math.random() * this.kiosks.length)]!;
      if (!k.ready) continue;
      const hex = (run * 1e9 + n).toString(16).padStart(12, '0');
      const block = String(run * 1000 + Math.floor(n / 10_000)).padStart(6, '0');
      const item = { id: `b3a7c0de-0000-4000-8000-${hex}`, code: `${WARD}-${block}-${String(n % 10_000).padStart(4, '0')}`, serviceCode: '1.001193', submittedAt: Date.now(), answers: { hoTen: 'Nguyễn Văn A' } };
      k.apps.set(item.id, item);
      this.kioskSend(k, { type: 'outbox.deliver', item });
      this.appsSent++;
      return item.id;
    }
    return null;
  }

  get appsUnacked(): number {
    return this.kiosks.reduce((s, k) => s + k.apps.size, 0);
  }

  /** Of the lost requests, those the hub no longer knew at a resync (the rest were still waiting). */
  get helpForgotten(): number {
    return this.kiosks.filter((k) => k.help?.outcome === 'forgotten').length;
  }

  /** Requests that got no volunteer and no "nobody answered" (still waiting, or forgotten by the hub). */
  get helpLost(): number {
    return this.kiosks.filter((k) => k.help && (k.help.outcome === null || k.help.outcome === 'forgotten')).length;
  }

  private callEnded(callId: string, side: 'kiosk' | 'volunteer'): void {
    const c = this.calls.get(callId);
    if (!c) return;
    if (side === 'kiosk') c.kioskTold = true;
    else c.volunteerTold = true;
  }

  /** Calls not ended with both sides told (after the kiosks have hung up). */
  get callsOpen(): number {
    let n = 0;
    for (const c of this.calls.values()) if (!c.kioskTold || !c.volunteerTold) n++;
    return n;
  }

  // ------------------------------------------------------------------ volunteers
  async addVolunteers(usernames: string[], password: string): Promise<void> {
    const front = this.fronts[0]!;
    for (const [j, u] of usernames.entries()) {
      const v = new Volunteer(this, front, u, password, `127.250.0.${j + 1}`);
      this.volunteers.push(v);
      await v.start();
    }
  }

  volunteerOn(): string[] {
    return this.volunteers.map((v) => v.on);
  }

  onRing(v: Volunteer, ring: { requestId: string; kioskId: string }): void {
    const i = Number(ring.kioskId.slice('bench-'.length));
    const k = this.kiosks[i];
    if (!k?.help || k.help.outcome) return;
    const ms = performance.now() - k.help.sentAt;
    if (ring.kioskId && k.on !== v.on) this.crossRing.push(ms);
    else this.sameRing.push(ms);
  }

  onCallStarted(v: Volunteer, callId: string, kioskId: string): void {
    const i = Number(kioskId.slice('bench-'.length));
    this.calls.set(callId, { callId, kiosk: i, volunteer: v.username, kioskTold: false, volunteerTold: false, kioskOn: this.kiosks[i]?.on ?? '?', volunteerOn: v.on });
  }

  onCallEnded(callId: string): void {
    this.callEnded(callId, 'volunteer');
  }

  /** Calls whose kiosk or volunteer sat on `instance` when it was killed, and which of them ended cleanly. */
  callsTouching(instance: string): Call[] {
    return [...this.calls.values()].filter((c) => c.kioskOn === instance || c.volunteerOn === instance);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    for (const k of this.kiosks) k.ws?.terminate();
    for (const v of this.volunteers) v.stop();
    for (const a of this.agents) a.destroy();
  }
}

/** POST JSON from a given local address; resolves to status, headers and body. */
export function postJson(url: string, body: unknown, localAddress: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers }, timeout: 30_000 }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('timeout', () => req.destroy(new Error(`POST ${url}: no answer in 30 s`)));
    req.on('error', reject);
    req.end(data);
  });
}

class Volunteer {
  on = '?';
  private ws: WebSocket | null = null;
  private seq = 0;
  private cookie = '';
  private stopped = false;
  private attempt = 0;
  private callId: string | null = null;

  constructor(
    private readonly load: Load,
    private readonly front: string,
    readonly username: string,
    private readonly password: string,
    private readonly address: string,
  ) {}

  async start(): Promise<void> {
    const r = await postJson(`${this.front}/api/login`, { username: this.username, password: this.password }, this.address);
    if (r.status !== 200) throw new Error(`login ${this.username}: ${r.status} ${r.text.slice(0, 200)}`);
    const set = r.headers['set-cookie'] ?? [];
    this.cookie = (Array.isArray(set) ? set : [set]).map((c) => c.split(';')[0]).join('; ');
    await this.connect();
  }

  private send(m: Record<string, unknown>): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ ...m, seq: ++this.seq }));
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.front.replace(/^http/, 'ws') + HUB_CONSOLE_WS_PATH, { headers: { cookie: this.cookie }, localAddress: this.address, perMessageDeflate: false });
      this.ws = ws;
      const timer = setTimeout(() => reject(new Error(`${this.username}: no snapshot in 30 s`)), 30_000);
      ws.on('upgrade', (res) => (this.on = String(res.headers['x-served-by'] ?? '?')));
      ws.on('open', () => this.send({ type: 'hello', epoch: null, lastServerSeq: 0 }));
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as Msg;
        if (m.type === 'snapshot') {
          clearTimeout(timer);
          this.attempt = 0;
          const call = m.call as { callId: string } | null;
          if (this.callId && (!call || call.callId !== this.callId)) this.load.onCallEnded(this.callId);
          this.callId = call?.callId ?? null;
          if (m.status !== 'available' && !call) this.send({ type: 'status.set', status: 'available' });
          for (const r of (m.ringing as { requestId: string; kioskId: string }[]) ?? []) this.send({ type: 'ring.accept', requestId: r.requestId });
          resolve();
        } else if (m.type === 'ring') {
          const ring = m.ring as { requestId: string; kioskId: string };
          this.load.onRing(this, ring);
          if (!this.callId) this.send({ type: 'ring.accept', requestId: ring.requestId });
        } else if (m.type === 'call.started') {
          const call = m.call as { callId: string; kioskId: string };
          this.callId = call.callId;
          this.load.onCallStarted(this, call.callId, call.kioskId);
        } else if (m.type === 'call.ended') {
          this.load.onCallEnded(String(m.callId));
          if (this.callId === m.callId) this.callId = null;
          this.send({ type: 'status.set', status: 'available' });
        } else if (m.type === 'status' && m.reason === 'no_answer' && !this.callId) {
          this.send({ type: 'status.set', status: 'available' });
        }
      });
      ws.on('error', () => undefined);
      ws.on('close', () => {
        clearTimeout(timer);
        if (this.ws !== ws || this.stopped) return;
        reject(new Error(`${this.username}: closed before its snapshot`));
        const delay = Math.min(10_000, 250 * 2 ** Math.min(this.attempt, 10)) * (0.5 + Math.random() / 2);
        this.attempt++;
        setTimeout(() => void this.connect().catch(() => undefined), delay);
      });
    });
  }

  stop(): void {
    this.stopped = true;
    this.ws?.terminate();
  }
}
