/**
 * Applications end to end, under faults:
 *
 *   npm run --silent bench:applications -- --applications N
 *        [--province-url URL --province-user U --province-password P --province-group G --agency CODE]
 *
 * N applications, each with two photographed pages, go through the real kiosk services (a child
 * process), the hub (a child process, SQLite) and its OpenCPS adapter into the simulated province
 * (this process) — or, with --province-url, into any OpenCPS-compatible address (the province-side
 * faults are then skipped). The applications are spread over phases, one fault each:
 *   province-down · province-5xx · province-429 (Retry-After: 1) · session-expired (credentials
 *   refused, then accepted) · hub-kill-9 (the hub SIGKILLed mid-hand-off, restarted) · kiosk-kill-9
 *   (the kiosk SIGKILLed right after a submission, restarted)
 * then waits (bounded) until every application is in the province, and counts: delivered (kiosk
 * codes found submitted in the province), duplicates (dossiers beyond one per code), lost.
 * submitToProvinceMs: resident's submit → dossier submitted in the province, for applications
 * submitted while no fault was active. statusToKioskMs: the desk receives a dossier in the province
 * (a number is assigned) → the kiosk's track answer shows that number (polled every 200 ms); the
 * hub polls the province every --poll-ms (default 2000).
 * Prints one JSON line on stdout; progress on stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DossierNo } from '../../common/province/national-status.ts';
import { openRepository } from '../../hub/db/index.ts';
import { DEMO_WARD } from '../../hub/seed.ts';
import { buildProvince, DEFAULT_GROUP, DEFAULT_USER, type Faults, type Province } from '../../province/server.ts';
import { login, post, seedUsers } from '../unit/hub/helpers.ts';
import { freePort } from '../support/processes.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv;
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i > 0 ? argv[i + 1] : undefined;
};
const N = Number(opt('--applications') ?? 20);
if (!Number.isInteger(N) || N < 7 || N > 900) throw new Error('--applications must be an integer 7..900 (one phase per fault)');
const POLL_MS = Number(opt('--poll-ms') ?? 2000);
const external = opt('--province-url');
const log = (s: string) => process.stderr.write(`${s}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const WARD = DEMO_WARD;

interface Proc {
  child: ChildProcess;
  lines: string[];
  wait(pred: (l: string) => boolean, what: string, timeoutMs?: number, from?: number): Promise<string>;
  send(line: string): void;
  kill9(): Promise<void>;
}

function run(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, WARD_KIOSK_QUIET: '1', ...env } });
  const lines: string[] = [];
  let buf = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  });
  return {
    child,
    lines,
    async wait(pred, what, timeoutMs = 30_000, from = 0) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const l = lines.slice(from).find(pred);
        if (l) return l;
        if (child.exitCode !== null) throw new Error(`${what}: the process exited`);
        if (Date.now() > end) throw new Error(`timed out: ${what}`);
        await sleep(20);
      }
    },
    send: (line) => void child.stdin!.write(`${line}\n`),
    async kill9() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    },
  };
}

function percentile(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!);
}

// ---------------------------------------------------------------- the province: simulated, or any OpenCPS address
let province: Province | null = null;
let provinceCfg: { kind: 'opencps'; url: string; user: string; password: string; groupId: string; agencyCode: string; pollMs: number };
const auth = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
if (external) {
  provinceCfg = {
    kind: 'opencps',
    url: external,
    user: opt('--province-user') ?? '',
    password: opt('--province-password') ?? '',
    groupId: opt('--province-group') ?? '',
    agencyCode: opt('--agency') ?? WARD,
    pollMs: POLL_MS,
  };
} else {
  province = await buildProvince({ services: { '1.001193': 'Đăng ký khai sinh' }, agencies: { [WARD]: 'UBND phường (bench)' } });
  const { url } = await province.start();
  provinceCfg = { kind: 'opencps', url, user: DEFAULT_USER.user, password: DEFAULT_USER.password, groupId: DEFAULT_GROUP, agencyCode: WARD, pollMs: POLL_MS };
}
/** The province's view of one kiosk code: {submitted, dossierNo} or null (read through its REST API, so it works for any address). */
async function inProvince(code: string): Promise<{ dossierId: string; submitted: boolean; dossierNo: string } | null> {
  const r = await fetch(`${provinceCfg.url.replace(/\/$/, '')}/o/rest/v2/dossiers/${encodeURIComponent(code)}`, { headers: { authorization: auth(provinceCfg.user, provinceCfg.password), groupid: provinceCfg.groupId } });
  if (r.status !== 200) return null;
  const j = (await r.json()) as { dossierId?: number | string; submitting?: string; dossierNo?: string };
  return j.dossierId === undefined ? null : { dossierId: String(j.dossierId), submitted: j.submitting === 'true', dossierNo: j.dossierNo ?? '' };
}
const setFaults = (f: Partial<Faults>) => province?.setFaults(f);

// ---------------------------------------------------------------- the hub (child) and the kiosk (child)
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-applications-'));
const dbUrl = `sqlite:${path.join(dir, 'hub.sqlite')}`;
{
  const repo = await openRepository(dbUrl);
  await seedUsers(repo);
  await repo.close();
}
const hubPort = await freePort();
const outboxTimings = JSON.stringify({ baseDelayMs: 250, maxDelayMs: 2000 });
const startHub = async (): Promise<Proc> => {
  const h = run(['tests/unit/province/hub-child.ts', dbUrl, JSON.stringify(provinceCfg), '--port', String(hubPort), '--outbox', outboxTimings]);
  await h.wait((l) => l.startsWith('READY '), 'hub ready');
  return h;
};
let hub = await startHub();
const hubUrl = `http://127.0.0.1:${hubPort}`;
const cookie = await login({ url: hubUrl } as Parameters<typeof login>[0], 'canbo');
const enrolCode = (await post(`${hubUrl}/api/enrolment-codes`, { ward: WARD, ttlMinutes: 30 }, cookie)).json.code as string;
const base = JSON.parse(readFileSync(path.join(ROOT, 'kiosk-config', 'default.json'), 'utf8')) as Record<string, any>;
const kioskConfig = path.join(dir, 'kiosk.json');
writeFileSync(kioskConfig, JSON.stringify({ ...base, hub: { url: hubUrl }, devices: { ...base.devices, printer: { transport: 'none' }, scanner: { transport: 'none' } } }));
const kioskData = path.join(dir, 'kiosk');
const startKiosk = async (): Promise<Proc> => {
  const k = run(['tests/bench/applications-kiosk.ts', kioskConfig, kioskData], { WARD_KIOSK_HUB_CODE: enrolCode });
  await k.wait((l) => l === 'READY', 'kiosk ready');
  return k;
};
let kiosk = await startKiosk();

const submitted: { code: string; t0: number; clean: boolean }[] = [];
async function submit(clean: boolean): Promise<string> {
  const before = kiosk.lines.length;
  kiosk.send('submit');
  const l = await kiosk.wait((x) => x.startsWith('SUBMITTED ') || x.startsWith('ERROR '), 'submitted', 30_000, before);
  if (l.startsWith('ERROR ')) throw new Error(l);
  const [, code, t0] = l.split(' ');
  submitted.push({ code: code!, t0: Number(t0), clean });
  return code!;
}

// ---------------------------------------------------------------- phases
const faults: string[] = [];
const perPhase = Math.floor(N / 7);
let left = N;
const take = (n: number) => {
  const k = Math.min(n, left);
  left -= k;
  return k;
};
const started = Date.now();
async function phase(name: string | null, n: number, during: () => Promise<void> = async () => undefined) {
  log(`phase ${name ?? 'clean'}: ${n} applications`);
  for (let i = 0; i < n; i++) await submit(name === null);
  await during();
  if (name) faults.push(name);
}

await phase(null, take(perPhase + (N % 7)));
if (province) {
  setFaults({ down: true });
  await phase('province-down', take(perPhase), () => sleep(2000));
  setFaults({ down: false, error5xx: true });
  await phase('province-5xx', take(perPhase), () => sleep(2000));
  setFaults({ error5xx: false, tooMany: true, retryAfterSec: 1 });
  await phase('province-429', take(perPhase), () => sleep(2000));
  setFaults({ tooMany: false, refuseCredentials: true });
  await phase('session-expired', take(perPhase), () => sleep(2000));
  setFaults({ refuseCredentials: false });
} else {
  await phase(null, take(perPhase * 4));
}
// hub-kill-9: submissions go on while the hub is handing over; it is killed mid-way and restarted
await phase('hub-kill-9', take(perPhase), async () => {
  await sleep(150);
  await hub.kill9();
  await sleep(500);
  hub = await startHub();
});
// kiosk-kill-9: killed right after its last submission (its outbox may still hold it), restarted
await phase('kiosk-kill-9', take(left), async () => {
  await kiosk.kill9();
  kiosk = await startKiosk();
});

// ---------------------------------------------------------------- wait until every application is in the province (bounded)
const deadline = Date.now() + 120_000;
const state = new Map<string, { submitted: boolean; dossierNo: string; at: number }>();
while (Date.now() < deadline) {
  for (const s of submitted) {
    if (state.get(s.code)?.submitted) continue;
    const p = await inProvince(s.code).catch(() => null);
    if (p?.submitted) state.set(s.code, { submitted: true, dossierNo: p.dossierNo, at: Date.now() });
  }
  if ([...state.values()].filter((x) => x.submitted).length === submitted.length) break;
  await sleep(300);
}
log(`in the province after ${Date.now() - started} ms`);

// delivered, duplicates, lost; submit → in the province (the simulated province knows each dossier's submission time)
let duplicates = 0;
const submitMs: number[] = [];
if (province) {
  const rows = province.store.db.prepare('SELECT reference_uid AS ref, COUNT(*) AS n, MIN(submit_at) AS at FROM dossiers GROUP BY reference_uid').all() as { ref: string; n: number; at: number | null }[];
  const known = new Set(submitted.map((s) => s.code));
  for (const r of rows) duplicates += known.has(r.ref) ? r.n - 1 : r.n;
  const byRef = new Map(rows.map((r) => [r.ref, r.at]));
  for (const s of submitted) if (s.clean && byRef.get(s.code)) submitMs.push(byRef.get(s.code)! - s.t0);
} else {
  for (const s of submitted) if (s.clean && state.get(s.code)) submitMs.push(state.get(s.code)!.at - s.t0); // upper bound: our own poll
}
const delivered = submitted.filter((s) => state.get(s.code)?.submitted).length;

// ---------------------------------------------------------------- a change in the province → the kiosk's track answer
const statusMs: number[] = [];
if (province) {
  const sample = submitted.slice(0, Math.min(10, submitted.length));
  const t0 = new Map<string, number>();
  for (const s of sample) {
    const d = province.store.byReference(DEFAULT_GROUP, s.code);
    if (!d || d.dossier_no) continue;
    province.act(d.id, 'receive', { user: 'Bench' });
    t0.set(s.code, Date.now());
  }
  const end = Date.now() + 60_000;
  while (t0.size && Date.now() < end) {
    for (const [code, t] of [...t0]) {
      const before = kiosk.lines.length;
      kiosk.send(`track ${code}`);
      const l = await kiosk.wait((x) => x.startsWith(`TRACK ${code} `), 'track', 10_000, before).catch(() => '');
      const no = l.split(' ')[2];
      if (no && no !== '-' && DossierNo.safeParse(no).success) {
        statusMs.push(Date.now() - t);
        t0.delete(code);
      }
    }
    await sleep(200);
  }
}

await kiosk.kill9();
await hub.kill9();
await province?.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({
    applications: N,
    delivered,
    duplicates,
    lost: N - delivered,
    faults,
    submitToProvinceMs: { median: percentile(submitMs, 50), p95: percentile(submitMs, 95) },
    statusToKioskMs: { median: percentile(statusMs, 50), p95: percentile(statusMs, 95) },
  })}\n`,
);
process.exit(0);
