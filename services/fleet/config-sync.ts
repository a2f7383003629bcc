/**
 * The fleet agent's published config: `config.available` → fetch the version (Authorization:
 * Kiosk id:secret, only from the hub's own origin), check it (schema, merged over this kiosk's
 * own file, whole catalogue), keep it as pending, apply it when no resident is using the kiosk
 * (at the end of the current session, at once when idle), report `config.report`; a version that
 * fails keeps the last good one running. Layer: node.
 */
import { kioskAuthorization, type HubToKiosk } from '../../common/contract/hub-kiosk.ts';
import type { FleetJobContext } from './job.ts';
import { checkFetched, runningPublished } from './published.ts';

type Announced = Extract<HubToKiosk, { type: 'config.available' }>;

export class ConfigSync {
  private announced: Announced | null = null;
  private fetching = false;
  private refetch = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: FleetJobContext,
    /** After a version is applied: tell the hub at once. */
    private readonly applied: () => void,
  ) {}

  /** The hub announced a version. */
  announce(a: Announced): void {
    this.announced = a;
    void this.fetch();
  }

  stop(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  private async fetch(): Promise<void> {
    if (this.fetching) {
      this.refetch = true;
      return;
    }
    this.fetching = true;
    try {
      do {
        this.refetch = false;
        if (this.announced && !this.ctx.closed()) await this.fetchOne(this.announced);
      } while (this.refetch && !this.ctx.closed());
    } finally {
      this.fetching = false;
    }
  }

  private async fetchOne(a: Announced): Promise<void> {
    const { host, fs } = this.ctx;
    const same = (c: { version: string; configHash: string; catalogueHash: string } | null) =>
      !!c && c.version === a.version && c.configHash === a.configHash && c.catalogueHash === a.catalogueHash;
    const cur = fs.config('current');
    const pending = fs.config('pending');
    if (same(cur) && runningPublished(host.config()) === a.version) return; // running it already
    if (same(pending)) return this.applySoon();
    const key = `${a.version}:${a.configHash}:${a.catalogueHash}`;
    if (fs.get('config_failed') === key) return; // reported already; the last good one runs
    const hub = this.ctx.hub();
    if (!hub) return;
    const base = [pending, cur].find((c) => c && c.catalogueHash === a.catalogueHash) ?? null;
    let url: URL;
    try {
      url = new URL(a.configUrl, hub.url);
    } catch {
      return this.failed(a, key, ['configUrl: not a URL']);
    }
    // The device secret goes to the hub it belongs to, nowhere else.
    if (url.origin !== new URL(hub.url).origin) return this.failed(a, key, ['configUrl: another origin']);
    url.searchParams.set('parts', base ? 'config' : 'all');
    let body: unknown;
    try {
      const res = await fetch(url, { headers: { authorization: kioskAuthorization(hub.kioskId, hub.secret), accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
      if (res.status >= 500 || res.status === 429) throw new Error(`HTTP ${res.status}`);
      if (!res.ok) return this.failed(a, key, [`fetch: HTTP ${res.status}`]);
      const text = await res.text();
      if (text.length > 8 * 1024 * 1024) return this.failed(a, key, ['fetch: too large']);
      body = JSON.parse(text);
    } catch (e) {
      // The network or the hub: not the version's fault. Try again later (and after the next hello).
      host.log.warn('fleet.config-fetch-failed', { version: a.version, error: e instanceof Error ? e.name : 'error' });
      if (this.retry) clearTimeout(this.retry);
      this.retry = setTimeout(() => {
        this.retry = null;
        void this.fetch();
      }, this.ctx.opts.configRetryMs);
      this.retry.unref();
      return;
    }
    const checked = checkFetched(body, a, host.config(), base?.catalogue ?? null, host.now().getTime());
    if (!checked.ok) return this.failed(a, key, checked.problems);
    fs.setConfig('pending', checked.published);
    host.log.info('fleet.config-fetched', { version: a.version, waiting: host.sessionActive() });
    this.applySoon();
  }

  private failed(a: { version: string }, key: string, problems: string[]): void {
    this.ctx.fs.set('config_failed', key);
    // Field paths and schema messages only: a config holds no resident's data.
    this.ctx.host.log.warn('fleet.config-failed', { version: a.version, problems: problems.length, first: problems[0] ?? null });
    this.ctx.link()?.send({ type: 'config.report', version: a.version, status: 'failed', problems: problems.slice(0, 20).map((p) => p.slice(0, 200)) });
  }

  /** Apply the pending version now if nobody is using the kiosk; otherwise at the end of the session. */
  applySoon(): void {
    if (!this.ctx.fs.config('pending')) return;
    if (this.ctx.host.sessionActive()) this.ctx.host.log.info('fleet.config-waits-for-session-end', {});
    else this.applyPending();
  }

  applyPending(): void {
    const { host, fs } = this.ctx;
    if (this.ctx.closed() || host.sessionActive()) return;
    const p = fs.promotePending();
    if (!p) return;
    host.requestReload();
    const running = runningPublished(host.config());
    const v = p.promoted.version;
    if (running === v) {
      fs.set('config_failed', null);
      host.log.info('fleet.config-applied', { version: v });
      this.ctx.link()?.send({ type: 'config.report', version: v, status: 'applied', problems: [] });
      this.applied();
      return;
    }
    // It passed every check when it was fetched and still did not load (the kiosk's own file changed since?): go back.
    const problems = host.configProblems().filter((x) => x.startsWith(`published version ${v}:`));
    fs.setConfig('current', p.previous);
    host.requestReload();
    this.failed({ version: v }, `${v}:${p.promoted.configHash}:${p.promoted.catalogueHash}`, problems.length ? problems : ['did not load']);
  }
}
