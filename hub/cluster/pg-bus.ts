/**
 * The bus between hub instances sharing one PostgreSQL database: LISTEN/NOTIFY on one channel.
 *
 *  - One dedicated listening connection per instance (`LISTEN ward_kiosk_bus`); every instance gets
 *    every message and hands it to its own subscribers of the message's topic.
 *  - One dedicated publishing connection: publishes queue up and leave in batches, each batch one
 *    statement (`pg_notify` over an array, in array order), so a publisher's messages arrive in the
 *    order published. A sequence number in each message keeps identical messages distinct (PostgreSQL
 *    folds identical notifications of one transaction into one).
 *  - NOTIFY payloads must stay under 8000 bytes: a larger message is stored in `cluster_bus_spill`
 *    and the notification carries its row id; receivers read it back (in order — later messages wait
 *    behind it). Spilled rows are deleted after SPILL_KEEP_MS.
 *  - The listener losing its connection reconnects with backoff and then calls the `onGap` handlers:
 *    NOTIFY is not stored, messages sent meanwhile are gone; subscribers re-read the shared state.
 *
 * Every notification is checked with zod (it comes from outside this process).
 * Layer: hub (node).
 */
import pg from 'pg';
import { z } from 'zod';
import { checkTopic, logBus, newInstanceId, Subscribers, TOPIC_RE, type BusHandler, type ClusterBus } from './bus.ts';

export const BUS_CHANNEL = 'ward_kiosk_bus';
/** Above this many bytes of payload, the message goes through the spill table (NOTIFY's limit is 8000). */
export const SPILL_OVER_BYTES = 7_000;
const SPILL_KEEP_MS = 120_000;
const MAX_BATCH = 256;

const Envelope = z.object({
  i: z.string().min(1).max(80),
  n: z.number().int().nonnegative(),
  t: z.string().regex(TOPIC_RE),
  m: z.unknown().optional(),
  s: z.number().int().positive().optional(),
});
type Envelope = z.infer<typeof Envelope>;

export interface PgBusOptions {
  url: string;
  instanceId?: string;
  /** Listener reconnect backoff, first step (doubles up to 5 s). */
  reconnectMs?: number;
}

interface Pending {
  topic: string;
  text: string;
  resolve: () => void;
  reject: (e: Error) => void;
}

const SPILL_DDL =
  'CREATE TABLE IF NOT EXISTS cluster_bus_spill (id BIGSERIAL PRIMARY KEY, created_at BIGINT NOT NULL, payload TEXT NOT NULL)';

/** CREATE TABLE IF NOT EXISTS racing another instance may fail with a duplicate: the table is there. */
async function ensureSpillTable(c: pg.Client): Promise<void> {
  try {
    await c.query(SPILL_DDL);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== '23505' && code !== '42P07') throw e;
  }
}

export class PgBus implements ClusterBus {
  readonly instanceId: string;
  private readonly subs = new Subscribers();
  private listener: pg.Client | null = null;
  private publisher: pg.Client | null = null;
  private publisherReady: Promise<pg.Client> | null = null;
  private readonly queue: Pending[] = [];
  private flushing = false;
  private seq = 0;
  private closed = false;
  private lastSweep = 0;
  /** Incoming messages waiting behind a spilled one being read. */
  private readonly inbox: Envelope[] = [];
  private draining = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private backoff: number;

  private constructor(private readonly opts: PgBusOptions) {
    this.instanceId = opts.instanceId ?? newInstanceId();
    this.backoff = opts.reconnectMs ?? 200;
  }

  /** Connects the listener (and creates the spill table): resolves once this instance hears the bus. */
  static async start(opts: PgBusOptions): Promise<PgBus> {
    const bus = new PgBus(opts);
    await bus.connectListener();
    return bus;
  }

  private newClient(): pg.Client {
    return new pg.Client({ connectionString: this.opts.url, keepAlive: true, application_name: `ward-kiosk-bus ${this.instanceId}` });
  }

  private async connectListener(): Promise<void> {
    const c = this.newClient();
    c.on('error', () => this.listenerLost(c));
    c.on('end', () => this.listenerLost(c));
    c.on('notification', (n) => {
      if (n.channel === BUS_CHANNEL && n.payload) this.received(n.payload);
    });
    try {
      await c.connect();
      await ensureSpillTable(c);
      await c.query(`LISTEN ${BUS_CHANNEL}`);
    } catch (e) {
      c.removeAllListeners();
      c.on('error', () => undefined);
      await c.end().catch(() => undefined);
      throw e;
    }
    this.listener = c;
  }

  private listenerLost(c: pg.Client): void {
    if (this.listener !== c) return;
    this.listener = null;
    c.removeAllListeners();
    c.on('error', () => undefined);
    void c.end().catch(() => undefined);
    if (this.closed) return;
    logBus('hub.cluster.listener_lost', { instance: this.instanceId });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connectListener().then(
        () => {
          this.backoff = this.opts.reconnectMs ?? 200;
          logBus('hub.cluster.listener_back', { instance: this.instanceId });
          this.subs.gap();
        },
        () => {
          this.backoff = Math.min(this.backoff * 2, 5_000);
          this.scheduleReconnect();
        },
      );
    }, this.backoff);
    this.reconnectTimer.unref?.();
  }

  private received(payload: string): void {
    let env: Envelope;
    try {
      env = Envelope.parse(JSON.parse(payload));
    } catch {
      logBus('hub.cluster.bad_message', { bytes: payload.length });
      return;
    }
    if (!this.subs.has(env.t)) return;
    if (env.s === undefined && !this.draining && this.inbox.length === 0) {
      this.subs.deliver(env.t, env.m, env.i);
      return;
    }
    this.inbox.push(env);
    void this.drain();
  }

  /** Delivers queued messages in arrival order, reading spilled ones from the table. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.inbox.length > 0 && !this.closed) {
        const env = this.inbox.shift()!;
        if (env.s === undefined) {
          this.subs.deliver(env.t, env.m, env.i);
          continue;
        }
        const msg = await this.readSpill(env.s);
        if (msg.ok) this.subs.deliver(env.t, msg.value, env.i);
        else {
          logBus('hub.cluster.spill_missing', { topic: env.t });
          this.subs.gap();
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async readSpill(id: number): Promise<{ ok: true; value: unknown } | { ok: false }> {
    try {
      const c = await this.publisherClient();
      const r = await c.query('SELECT payload FROM cluster_bus_spill WHERE id = $1', [id]);
      const row = r.rows[0] as { payload?: string } | undefined;
      if (!row?.payload) return { ok: false };
      const inner = z.object({ m: z.unknown() }).parse(JSON.parse(row.payload));
      return { ok: true, value: inner.m };
    } catch {
      return { ok: false };
    }
  }

  private publisherClient(): Promise<pg.Client> {
    if (this.publisherReady) return this.publisherReady;
    const c = this.newClient();
    const lost = () => {
      if (this.publisher === c || this.publisherReady === ready) {
        this.publisher = null;
        this.publisherReady = null;
      }
      c.removeAllListeners();
      c.on('error', () => undefined);
      void c.end().catch(() => undefined);
    };
    c.on('error', lost);
    c.on('end', lost);
    const ready = c.connect().then(
      () => {
        this.publisher = c;
        return c;
      },
      (e: unknown) => {
        lost();
        throw e;
      },
    );
    this.publisherReady = ready;
    return ready;
  }

  async publish(topic: string, msg: unknown): Promise<void> {
    checkTopic(topic);
    if (this.closed) throw new Error('cluster bus closed');
    const text = JSON.stringify(msg);
    if (text === undefined) throw new Error('cluster bus: message is not JSON');
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, text, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const c = await this.publisherClient();
          const payloads: string[] = [];
          for (const p of batch) {
            const n = ++this.seq;
            const inline = `{"i":${JSON.stringify(this.instanceId)},"n":${n},"t":${JSON.stringify(p.topic)},"m":${p.text}}`;
            if (Buffer.byteLength(inline) <= SPILL_OVER_BYTES) {
              payloads.push(inline);
              continue;
            }
            const r = await c.query('INSERT INTO cluster_bus_spill (created_at, payload) VALUES ($1, $2) RETURNING id', [
              Date.now(),
              `{"m":${p.text}}`,
            ]);
            const id = Number((r.rows[0] as { id: string | number }).id);
            payloads.push(JSON.stringify({ i: this.instanceId, n, t: p.topic, s: id }));
          }
          await c.query(`SELECT pg_notify('${BUS_CHANNEL}', p) FROM unnest($1::text[]) WITH ORDINALITY AS u(p, o)`, [payloads]);
          for (const p of batch) p.resolve();
          await this.sweepSpill(c);
        } catch (e) {
          const err = e instanceof Error ? e : new Error(String(e));
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async sweepSpill(c: pg.Client): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < SPILL_KEEP_MS / 4) return;
    this.lastSweep = now;
    await c.query('DELETE FROM cluster_bus_spill WHERE created_at < $1', [now - SPILL_KEEP_MS]).catch(() => undefined);
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    return this.subs.add(topic, handler);
  }

  onGap(handler: () => void): () => void {
    return this.subs.addGap(handler);
  }

  /** For tests: the listening connection's backend pid (to cut it from outside). */
  listenerPid(): number | null {
    return (this.listener as unknown as { processID?: number } | null)?.processID ?? null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Let queued publishes leave first.
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.subs.clear();
    const clients = [this.listener, this.publisher];
    this.listener = null;
    this.publisher = null;
    this.publisherReady = null;
    for (const c of clients) {
      if (!c) continue;
      c.removeAllListeners();
      c.on('error', () => undefined);
      await c.end().catch(() => undefined);
    }
  }
}
