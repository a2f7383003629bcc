/**
 * The fleet over real WebSockets and HTTP, on SQLite and on PostgreSQL:
 * heartbeat → online, silence → offline; paper out → alert + mail; publish →
 * fan-out → the kiosk runs it → rollback; a config failing the schema; commands
 * acked and audited; another ward refused; outbox replay; track; statistics.
 */
import { describe, expect, it } from 'vitest';
import { startSmtpSink } from './smtp-sink.ts';
import {
  addUser,
  BASE_SETTINGS,
  beat,
  consoleClient,
  enrolKiosk,
  get,
  kioskClient,
  kioskGet,
  login,
  post,
  seededDb,
  SMALL_CATALOGUE,
  startHub,
  useDatabases,
  waitAudit,
  WARD,
  type Client,
} from './helpers.ts';

const targets = useDatabases();
const OTHER_WARD = '000.00.13.H30';

describe.each(targets)('fleet on $name', (target) => {
  it('heartbeat → online (acked, pushed to the console); silence → offline within the window', async () => {
    const r = await startHub(await seededDb(target), { fleet: { offlineAfterMs: 400, sweepMs: 50, consoleFlushMs: 50 } });
    let k: Client | undefined, staff: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-01');
      const cookie = await login(r, 'canbo');
      staff = await consoleClient(r, cookie);
      k = await kioskClient(r, 'hang-bai-01', secret);
      const before = await get(`${r.url}/api/fleet/kiosks`, { cookie });
      expect(before.json.kiosks).toEqual([expect.objectContaining({ kioskId: 'hang-bai-01', online: false })]);
      await beat(k, { screen: 'service:1.001193' });
      const up = await staff.next((m) => m.type === 'fleet.kiosks' && m.kiosks.some((x: any) => x.kioskId === 'hang-bai-01' && x.online), 3000, 'online pushed');
      expect(up.kiosks[0].health.screen).toBe('service:1.001193');
      const list = await get(`${r.url}/api/fleet/kiosks`, { cookie });
      expect(list.json.kiosks[0]).toMatchObject({ online: true, health: { appVersion: '0.1.0', printer: { state: 'ok' } } });
      // The socket stays open but heartbeats stop: the sweeper marks it offline.
      const t0 = Date.now();
      await staff.next((m) => m.type === 'fleet.kiosks' && m.kiosks.some((x: any) => x.kioskId === 'hang-bai-01' && !x.online), 3000, 'offline pushed');
      expect(Date.now() - t0).toBeLessThan(1500);
      expect(staff.invalid).toEqual([]);
      expect(k.invalid).toEqual([]);
      // A heartbeat brings it back; the detail page has the history and events.
      await beat(k);
      await r.hub.fleet.settled();
      const detail = await get(`${r.url}/api/fleet/kiosks/hang-bai-01`, { cookie });
      expect(detail.status).toBe(200);
      expect(detail.json.kiosk.online).toBe(true);
      expect(detail.json.events.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['online', 'offline']));
      expect(detail.json.history.length).toBeGreaterThanOrEqual(2);
    } finally {
      await k?.close();
      await staff?.close();
      await r.hub.close();
    }
  });

  it('alerts are mailed to the ward’s own addresses when hub.json lists them (toByWard), else to `to`', async () => {
    const sink = await startSmtpSink();
    const r = await startHub(await seededDb(target, (repo) => addUser(repo, { username: 'canbo2', role: 'staff', ward: OTHER_WARD })), {
      fleet: {
        consoleFlushMs: 50,
        smtp: { host: '127.0.0.1', port: sink.port, from: 'hub@phuong.test', to: 'quan@phuong.test', toByWard: { [WARD]: ['motcua-hangbai@phuong.test', 'truong-ban@phuong.test'] } },
      },
    });
    const clients: Client[] = [];
    try {
      const mine = await kioskClient(r, 'hang-bai-01', await enrolKiosk(r, 'hang-bai-01'));
      const code = await post(`${r.url}/api/enrolment-codes`, { ward: OTHER_WARD, ttlMinutes: 10 }, await login(r, 'canbo2'));
      const enrolled = await post(`${r.url}/api/kiosks/enrol`, { code: code.json.code, kioskId: 'cua-nam-01', name: 'Kiosk cua-nam-01' });
      const other = await kioskClient(r, 'cua-nam-01', enrolled.json.secret as string);
      clients.push(mine, other);
      await beat(mine, { printer: { state: 'paper-out', paperNearEnd: true } });
      await sink.waitFor(1);
      await beat(other, { printer: { state: 'paper-out', paperNearEnd: true } });
      await sink.waitFor(2);
      const to = (id: string) => sink.mails.find((m) => m.data.includes(id))?.to;
      expect(to('hang-bai-01')).toEqual(['<motcua-hangbai@phuong.test>', '<truong-ban@phuong.test>']);
      expect(to('cua-nam-01')).toEqual(['<quan@phuong.test>']);
    } finally {
      for (const c of clients) await c.close();
      await r.hub.close();
      await sink.close();
    }
  });

  it('paper out → alert stored, pushed and mailed; paper back → resolved', async () => {
    const sink = await startSmtpSink();
    const r = await startHub(await seededDb(target), {
      fleet: { consoleFlushMs: 50, smtp: { host: '127.0.0.1', port: sink.port, from: 'hub@phuong.test', to: 'canbo@phuong.test' } },
    });
    let k: Client | undefined, staff: Client | undefined;
    try {
      const secret = await enrolKiosk(r, 'hang-bai-01');
      const cookie = await login(r, 'canbo');
      staff = await consoleClient(r, cookie);
      k = await kioskClient(r, 'hang-bai-01', secret);
      await beat(k);
      await beat(k, { printer: { state: 'paper-out', paperNearEnd: true } });
      const a = await staff.next((m) => m.type === 'fleet.alert' && m.alert.kind === 'paper-out' && m.alert.state === 'open', 3000, 'paper-out alert');
      expect(a.alert.kioskId).toBe('hang-bai-01');
      await sink.waitFor(1);
      expect(sink.mails[0]!.to).toEqual(['<canbo@phuong.test>']);
      expect(sink.mails[0]!.data).toContain('hang-bai-01');
      await staff.next((m) => m.type === 'fleet.alert' && m.alert.kind === 'paper-out' && m.alert.mailedAt !== null, 3000, 'mailed');
      const list = await get(`${r.url}/api/fleet/alerts`, { cookie });
      expect(list.json.alerts).toEqual([expect.objectContaining({ kind: 'paper-out', state: 'open' })]);
      // Only one alert while the paper stays out.
      await beat(k, { printer: { state: 'paper-out', paperNearEnd: true } });
      await beat(k, { printer: { state: 'ok', paperNearEnd: false } });
      await staff.next((m) => m.type === 'fleet.alert' && m.alert.kind === 'paper-out' && m.alert.state === 'resolved', 3000, 'resolved');
      await r.hub.fleet.settled();
      const after = await get(`${r.url}/api/fleet/alerts`, { cookie });
      expect(after.json.alerts).toEqual([expect.objectContaining({ kind: 'paper-out', state: 'resolved' })]);
      // One mail when the paper ran out (not again while it stayed out), one when it was back.
      await sink.waitFor(2);
      expect(sink.mails).toHaveLength(2);
      expect(sink.mails[1]!.data).toContain('hang-bai-01');
      expect(sink.mails[1]!.data).toMatch(/=C4=90=C3=A3 kh=E1=BA=AFc ph=E1=BB=A5c|Đã khắc phục/); // "Đã khắc phục", quoted-printable
      // Scanner missing and repeated crashes too.
      await beat(k, { scanner: { state: 'missing' }, crashesLastHour: 4 });
      const kinds = new Set<string>();
      while (kinds.size < 2) kinds.add((await staff.next((m) => m.type === 'fleet.alert' && m.alert.state === 'open', 3000, 'alerts')).alert.kind);
      expect([...kinds].sort()).toEqual(['crashes', 'scanner-missing']);
      await sink.waitFor(4);
      await waitAudit(r, (x) => x.action === 'alert.open' && x.detail === 'kind=paper-out');
    } finally {
      await k?.close();
      await staff?.close();
      await r.hub.close();
      await sink.close();
    }
  });

  it('publish → config.available to connected kiosks → the kiosk reports the version → one-click rollback', async () => {
    const r = await startHub(await seededDb(target), { fleet: { consoleFlushMs: 50 } });
    const ks: Client[] = [];
    try {
      const cookie = await login(r, 'canbo');
      const secrets = [await enrolKiosk(r, 'hang-bai-01', cookie), await enrolKiosk(r, 'hang-bai-02', cookie)];
      ks.push(await kioskClient(r, 'hang-bai-01', secrets[0]!), await kioskClient(r, 'hang-bai-02', secrets[1]!));
      for (const k of ks) await beat(k);
      const v1 = await post(`${r.url}/api/fleet/config/publish`, { ward: WARD, config: BASE_SETTINGS, catalogue: SMALL_CATALOGUE, note: 'đầu tiên' }, cookie);
      expect(v1.status).toBe(200);
      expect(v1.json.version).toBe(1);
      const changed = { ...BASE_SETTINGS, timeouts: { idleSeconds: 120, warningSeconds: 30 } };
      const v2 = await post(`${r.url}/api/fleet/config/publish`, { ward: WARD, config: changed, catalogue: SMALL_CATALOGUE, note: null }, cookie);
      expect(v2.json.version).toBe(2);
      for (const [i, k] of ks.entries()) {
        const m = await k.next((x) => x.type === 'config.available' && x.version === '2', 3000, 'config.available 2');
        const fetched = await kioskGet(`${r.url}${m.configUrl}`, `hang-bai-0${i + 1}`, secrets[i]!);
        expect(fetched.status).toBe(200);
        expect(fetched.json.config.timeouts.idleSeconds).toBe(120);
        expect(fetched.json.catalogue.services).toHaveLength(1);
        const onlyConfig = await kioskGet(`${r.url}${m.configUrl}?parts=config`, `hang-bai-0${i + 1}`, secrets[i]!);
        expect(onlyConfig.json.catalogue).toBeNull();
        k.send({ type: 'config.report', version: '2', status: 'applied', problems: [] });
        await beat(k, { configVersion: '2' });
      }
      // Another ward's kiosk cannot read this ward's config.
      const list = await get(`${r.url}/api/fleet/kiosks`, { cookie });
      expect(list.json.kiosks.map((x: any) => [x.health.configVersion, x.publishedVersion])).toEqual([
        ['2', '2'],
        ['2', '2'],
      ]);
      // Rollback: version 3 carries version 1's content.
      const rb = await post(`${r.url}/api/fleet/config/rollback`, { ward: WARD }, cookie);
      expect(rb.status).toBe(200);
      expect(rb.json).toEqual({ version: 3, contentOf: 1 });
      const m3 = await ks[0]!.next((x) => x.type === 'config.available' && x.version === '3', 3000, 'config.available 3');
      const fetched = await kioskGet(`${r.url}${m3.configUrl}`, 'hang-bai-01', secrets[0]!);
      expect(fetched.json.config.timeouts.idleSeconds).toBe(90);
      await beat(ks[0]!, { configVersion: '3' });
      const cfg = await get(`${r.url}/api/fleet/config?ward=${WARD}`, { cookie });
      expect(cfg.json.versions.map((v: any) => [v.version, v.rollbackOf])).toEqual([
        [3, 1],
        [2, null],
        [1, null],
      ]);
      await waitAudit(r, (a) => a.action === 'config.rollback' && a.detail === 'version=3 content_of=1');
      // A kiosk connecting later gets the current version at once.
      await ks[1]!.close();
      const again = await kioskClient(r, 'hang-bai-02', secrets[1]!);
      ks.push(again);
      await again.next((x) => x.type === 'config.available' && x.version === '3', 3000, 'config.available on connect');
      for (const k of ks) expect(k.invalid).toEqual([]);
    } finally {
      for (const k of ks) await k.close();
      await r.hub.close();
    }
  });

  it('a config failing the schema is refused with field paths (in Vietnamese) and audited; another ward is refused', async () => {
    const r = await startHub(await seededDb(target, (repo) => addUser(repo, { username: 'canbo2', role: 'staff', ward: OTHER_WARD })));
    try {
      const cookie = await login(r, 'canbo');
      const bad = { ...BASE_SETTINGS, timeouts: { idleSeconds: 90, warningSeconds: 5 }, extra: true };
      const badCat = { ...SMALL_CATALOGUE, services: [{ ...SMALL_CATALOGUE.services[0], field: 'khong-co' }] };
      const res = await post(`${r.url}/api/fleet/config/publish`, { ward: WARD, config: bad, catalogue: badCat, note: null }, cookie);
      expect(res.status).toBe(400);
      const paths = res.json.error.issues.map((i: any) => `${i.part}:${i.path}`);
      expect(paths).toEqual(expect.arrayContaining(['config:timeouts.warningSeconds', 'config:(gốc)', 'catalogue:services.0.field']));
      expect(res.json.error.issues.find((i: any) => i.path === 'timeouts.warningSeconds').message).toMatch(/tối thiểu 20/);
      await waitAudit(r, (a) => a.action === 'config.refused' && (a.detail ?? '').includes('config:timeouts.warningSeconds'));
      // The agency code must be this ward's.
      const wrongWard = await post(`${r.url}/api/fleet/config/publish`, { ward: WARD, config: { ...BASE_SETTINGS, ward: { ...BASE_SETTINGS.ward, agencyCode: '000.00.13.H30' } }, catalogue: SMALL_CATALOGUE, note: null }, cookie);
      expect(wrongWard.json.error.issues[0].path).toBe('ward.agencyCode');
      // Staff of another ward cannot publish here.
      const other = await post(`${r.url}/api/fleet/config/publish`, { ward: WARD, config: BASE_SETTINGS, catalogue: SMALL_CATALOGUE, note: null }, await login(r, 'canbo2'));
      expect(other.status).toBe(403);
      await waitAudit(r, (a) => a.action === 'config.refused' && a.actor === 'user:canbo2');
      const cfg = await get(`${r.url}/api/fleet/config?ward=${WARD}`, { cookie });
      expect(cfg.json.current).toBeNull();
      // Validate without publishing.
      const v = await post(`${r.url}/api/fleet/config/validate`, { ward: WARD, config: BASE_SETTINGS, catalogue: SMALL_CATALOGUE, note: null }, cookie);
      expect(v.json.issues).toEqual([]);
      // Volunteers have no fleet access.
      expect((await get(`${r.url}/api/fleet/kiosks`, { cookie: await login(r, 'tnv1') })).status).toBe(403);
    } finally {
      await r.hub.close();
    }
  });

  it('commands: sent with an id, acknowledged, audited; another ward’s staff refused; a kiosk cannot ack another’s command', async () => {
    const r = await startHub(await seededDb(target, (repo) => addUser(repo, { username: 'canbo2', role: 'staff', ward: OTHER_WARD })), { fleet: { consoleFlushMs: 50 } });
    let k: Client | undefined, k2: Client | undefined, staff: Client | undefined;
    try {
      const cookie = await login(r, 'canbo');
      const secret = await enrolKiosk(r, 'hang-bai-01', cookie);
      const secret2 = await enrolKiosk(r, 'hang-bai-02', cookie);
      k = await kioskClient(r, 'hang-bai-01', secret);
      k2 = await kioskClient(r, 'hang-bai-02', secret2);
      staff = await consoleClient(r, cookie);
      const res = await post(`${r.url}/api/fleet/kiosks/hang-bai-01/commands`, { kind: 'maintenance', maintenance: { active: true, message: 'Bảo trì máy in', instead: 'Quầy một cửa, tầng 1 UBND phường' } }, cookie);
      expect(res.status).toBe(200);
      const cmd = await k.type('command');
      expect(cmd.command).toMatchObject({ id: res.json.command.id, kind: 'maintenance', maintenance: { active: true, instead: 'Quầy một cửa, tầng 1 UBND phường' } });
      // The other kiosk acking it: refused and audited.
      k2.send({ type: 'command.ack', commandId: cmd.command.id, result: 'ok', detail: null });
      const refused = await k2.type('error');
      expect(refused.code).toBe('forbidden');
      await waitAudit(r, (a) => a.action === 'command.ack.refused' && a.actor === 'kiosk:hang-bai-02');
      k.send({ type: 'command.ack', commandId: cmd.command.id, result: 'ok', detail: null });
      const acked = await staff.next((m) => m.type === 'fleet.command' && m.command.id === cmd.command.id && m.command.result === 'ok', 3000, 'ack pushed');
      expect(acked.command.ackedAt).toBeGreaterThan(0);
      await waitAudit(r, (a) => a.action === 'command.issued' && a.actor === 'user:canbo' && (a.detail ?? '').includes('kind=maintenance'));
      await waitAudit(r, (a) => a.action === 'command.ack' && (a.detail ?? '').includes('result=ok'));
      for (const kind of ['restart', 'reload-catalogue', 'print-test', 'clear-print-queue']) {
        const c = await post(`${r.url}/api/fleet/kiosks/hang-bai-01/commands`, { kind }, cookie);
        expect(c.status).toBe(200);
        expect((await k.type('command')).command.kind).toBe(kind);
      }
      // Staff of another ward: refused and audited; nothing reaches the kiosk.
      const other = await post(`${r.url}/api/fleet/kiosks/hang-bai-01/commands`, { kind: 'restart' }, await login(r, 'canbo2'));
      expect(other.status).toBe(403);
      await waitAudit(r, (a) => a.action === 'command.refused' && a.actor === 'user:canbo2' && a.target === 'kiosk:hang-bai-01');
      expect(await k.gets('command', 300)).toBe(false);
      // Maintenance parameters only with the maintenance command.
      expect((await post(`${r.url}/api/fleet/kiosks/hang-bai-01/commands`, { kind: 'restart', maintenance: { active: true, message: null, instead: null } }, cookie)).status).toBe(400);
      const detail = await get(`${r.url}/api/fleet/kiosks/hang-bai-01`, { cookie });
      expect(detail.json.commands).toHaveLength(5);
      expect(detail.json.commands.find((c: any) => c.kind === 'maintenance').result).toBe('ok');
    } finally {
      await k?.close();
      await k2?.close();
      await staff?.close();
      await r.hub.close();
    }
  });

  it('outbox: delivered once, a replay is acknowledged and de-duplicated; the inbox status reaches the track screen', async () => {
    const r = await startHub(await seededDb(target), { fleet: { consoleFlushMs: 50 } });
    let k: Client | undefined, staff: Client | undefined;
    try {
      const cookie = await login(r, 'canbo');
      const secret = await enrolKiosk(r, 'hang-bai-01', cookie);
      k = await kioskClient(r, 'hang-bai-01', secret);
      staff = await consoleClient(r, cookie);
      const item = { id: '0b5c3f5e-2a7d-4e43-9d36-8f1f5d2b6a01', code: `${WARD}-251123-1001`, serviceCode: '1.001193', submittedAt: Date.now(), answers: { childName: 'Nguyễn Văn An' } };
      k.send({ type: 'outbox.deliver', item });
      expect((await k.type('outbox.ack')).duplicate).toBe(false);
      const arrived = await staff.next((m) => m.type === 'fleet.application', 3000, 'application pushed');
      expect(arrived.application).toMatchObject({ code: item.code, status: 'received' });
      // Replays (same socket, later reconnect) are acknowledged as duplicates.
      k.send({ type: 'outbox.deliver', item });
      expect((await k.type('outbox.ack')).duplicate).toBe(true);
      await k.close();
      k = await kioskClient(r, 'hang-bai-01', secret);
      k.send({ type: 'outbox.deliver', item }, 1000);
      expect((await k.type('outbox.ack')).duplicate).toBe(true);
      const inbox = await get(`${r.url}/api/fleet/applications?ward=${WARD}`, { cookie });
      expect(inbox.json.applications).toHaveLength(1);
      await waitAudit(r, (a) => a.action === 'outbox.duplicate' && a.target === item.code);
      // The audit never holds the answers.
      expect(JSON.stringify(await r.hub.repo.listAudit({ limit: 500 }))).not.toContain('Nguyễn Văn An');
      // A different application with the same code: refused.
      k.send({ type: 'outbox.deliver', item: { ...item, id: '0b5c3f5e-2a7d-4e43-9d36-8f1f5d2b6a02' } });
      expect((await k.type('error')).code).toBe('conflict');
      // Staff change the status; the kiosk's track shows the timeline.
      const id = inbox.json.applications[0].id;
      const st = await post(`${r.url}/api/fleet/applications/${id}/status`, { status: 'needs-more', note: 'Bổ sung bản sao giấy chứng sinh' }, cookie);
      expect(st.status).toBe(200);
      k.send({ type: 'track', code: item.code });
      const tr = await k.type('track.result');
      expect(tr.result.timeline.map((e: any) => e.status)).toEqual(['received', 'needs-more']);
      const http = await kioskGet(`${r.url}/api/fleet/kiosk/track/${item.code}`, 'hang-bai-01', secret);
      expect(http.json.timeline[1].note).toBeNull(); // status only: a staff note never reaches a kiosk (issue 17, finding 6)
      expect((await kioskGet(`${r.url}/api/fleet/kiosk/track/${WARD}-251123-1999`, 'hang-bai-01', secret)).json.found).toBe(false);
      expect(k.invalid).toEqual([]);
    } finally {
      await k?.close();
      await staff?.close();
      await r.hub.close();
    }
  });

  it('statistics: kiosk day reports (idempotent per day) + help calls + applications → JSON and CSV', async () => {
    const r = await startHub(await seededDb(target));
    let k: Client | undefined;
    try {
      const cookie = await login(r, 'canbo');
      const secret = await enrolKiosk(r, 'hang-bai-01', cookie);
      k = await kioskClient(r, 'hang-bai-01', secret);
      const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const stats = { day, sessions: 10, completed: 5, receipts: 4, helpCalls: 1, ratings: [0, 0, 1, 1, 2], services: { '1.001193': 6 } };
      k.send({ type: 'stats', stats: { ...stats, sessions: 3 } });
      await k.type('stats.ack');
      k.send({ type: 'stats', stats });
      await k.type('stats.ack');
      k.send({ type: 'help.request', lang: 'vi', screen: 'home' });
      await k.type('help.queued');
      const res = await get(`${r.url}/api/fleet/stats?ward=${encodeURIComponent(WARD)}&from=${day}&to=${day}`, { cookie });
      expect(res.status).toBe(200);
      expect(res.json.totals).toMatchObject({ sessions: 10, completed: 5, completionRate: 0.5, receipts: 4, helpCalls: 1, helpAnswered: 0 });
      expect(res.json.totals.satisfaction).toBeCloseTo(4.25);
      expect(res.json.perKiosk).toEqual([{ kioskId: 'hang-bai-01', sessions: 10, completed: 5, receipts: 4 }]);
      const csv = await fetch(`${r.url}/api/fleet/stats.csv?ward=${encodeURIComponent(WARD)}&from=${day}&to=${day}`, { headers: { cookie } });
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const text = await csv.text();
      expect(text.split('\r\n')[1]).toBe(`"${day}","10","5","0.500","4","1","0","","0","0","1","1","2","4.25","0"`);
      expect((await get(`${r.url}/api/fleet/stats?ward=${encodeURIComponent(WARD)}&from=${day}&to=bad`, { cookie })).status).toBe(400);
    } finally {
      await k?.close();
      await r.hub.close();
    }
  });
});
