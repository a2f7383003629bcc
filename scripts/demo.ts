/**
 * `npm run demo`: everything that exists, with embedded defaults, on loopback.
 * Prints one line per entry point (`kiosk: http://127.0.0.1:PORT/…`) and runs
 * until Ctrl+C, then shuts down cleanly.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRepository } from '../hub/db/index.ts';
import { DEMO_PASSWORD, DEMO_WARD, seedDemo } from '../hub/seed.ts';
import { buildHub } from '../hub/server/app.ts';
import { buildProvince, DEFAULT_GROUP, DEFAULT_USER } from '../province/server.ts';
import { launchBrowserKiosk, REPO_ROOT } from '../browser-host/launch.ts';

const dataDir = process.env.WARD_KIOSK_DATA ?? path.join(os.tmpdir(), 'ward-kiosk-demo');
const wanted = Number(process.env.WARD_KIOSK_PORT ?? 4610);
const receiptsDir = path.join(dataDir, 'receipts');

/** The demo kiosk: enrols with the demo hub on its first start, then heartbeats, takes published configs and commands (docs/fleet.md). */
const kioskOptions = (port: number, token?: string) => ({ port, token, dataDir, receiptsDir, configPath, hubEnrolmentCode, restart: () => void restartKiosk() });
async function launch() {
  try {
    return await launchBrowserKiosk(kioskOptions(wanted));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    return launchBrowserKiosk(kioskOptions(0)); // the usual port is taken: any free one
  }
}

/** The hub's restart command: the demo has no launcher, so it stops the kiosk and starts it again at the same address (the open page reconnects). */
let restarting = false;
async function restartKiosk(): Promise<void> {
  if (restarting || closing) return;
  restarting = true;
  try {
    const { port, token } = kiosk.host;
    await kiosk.close();
    kiosk = await launchBrowserKiosk(kioskOptions(port, token));
    writeDevices();
    process.stdout.write(`kiosk restarted (asked by the hub): ${kiosk.host.kioskUrl}\n`);
  } finally {
    restarting = false;
  }
}

function writeDevices(): void {
  const scannerHostPath = kiosk.services.idcard.virtualHostPath;
  if (scannerHostPath) writeFileSync(path.join(dataDir, 'devices.json'), JSON.stringify({ scannerHostPath }));
}

// The hub (help calls, fleet) on its embedded database, with demo volunteers and staff.
mkdirSync(dataDir, { recursive: true });
const hubRepo = await openRepository(`sqlite:${path.join(dataDir, 'hub.sqlite')}`);
await seedDemo(hubRepo);
// The simulated province's one-stop system (OpenCPS REST v2, docs/province.md): the demo hub hands
// the kiosk's applications to it; its clerk page receives them, asks for papers or a fee, finishes.
async function startProvince() {
  const make = (port: number) => buildProvince({ dbFile: path.join(dataDir, 'province.sqlite'), port, agencies: { [DEMO_WARD]: 'UBND phường (demo)' } });
  let p = await make(Number(process.env.PROVINCE_PORT ?? 4630));
  try {
    return { province: p, url: (await p.start()).url };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    await p.close().catch(() => undefined);
    p = await make(0);
    return { province: p, url: (await p.start()).url };
  }
}
const { province, url: provinceUrl } = await startProvince();
const provinceLink = { kind: 'opencps' as const, url: provinceUrl, user: DEFAULT_USER.user, password: DEFAULT_USER.password, groupId: DEFAULT_GROUP, agencyCode: DEMO_WARD, pollMs: 5000 };

async function startHub() {
  const wantedHub = Number(process.env.HUB_PORT ?? 4620);
  try {
    const h = await buildHub({ db: hubRepo, port: wantedHub, province: provinceLink });
    return { hub: h, url: (await h.start()).url };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    const h = await buildHub({ db: hubRepo, port: 0, province: provinceLink });
    return { hub: h, url: (await h.start()).url };
  }
}
const { hub, url: hubUrl } = await startHub();

/** Ward staff create a one-time code; the demo kiosk enrols with it on its first start (as a real kiosk would). */
async function enrolmentCode(): Promise<string> {
  const login = await fetch(`${hubUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'canbo', password: DEMO_PASSWORD }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${hubUrl}/api/enrolment-codes`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ ward: DEMO_WARD, ttlMinutes: 10 }) });
  if (!res.ok) throw new Error(`could not create an enrolment code (HTTP ${res.status})`);
  return ((await res.json()) as { code: string }).code;
}
// The demo kiosk's config: the shipped default, pointed at this hub.
const configPath = path.join(dataDir, 'kiosk.json');
const shipped = JSON.parse(readFileSync(path.join(REPO_ROOT, 'kiosk-config', 'default.json'), 'utf8')) as Record<string, unknown>;
writeFileSync(configPath, JSON.stringify({ ...shipped, hub: { url: hubUrl } }, null, 2));
const hubEnrolmentCode = await enrolmentCode();

let closing = false;
let kiosk = await launch();
const p = kiosk.services.problems();
for (const line of [...p.config, ...p.catalogueFile]) process.stderr.write(`config problem: ${line}\n`);
process.stdout.write(`kiosk: ${kiosk.host.kioskUrl}\n`);
writeDevices();
if (kiosk.services.idcard.virtualHostPath) process.stdout.write(`scanner: virtual ID-card scanner — feed it with: npm run --silent scan\n`);
process.stdout.write(`volunteer: ${hubUrl}/volunteer/\n`);
process.stdout.write(`province: ${provinceUrl}/ (simulated one-stop system: the clerk page; REST API under /o/rest/v2)\n`);
process.stdout.write(`staff: ${hubUrl}/staff/ (the demo kiosk is in "Máy kiosk": live status, config, commands, applications)\n`);
process.stdout.write(`(hub demo users: tnv1, tnv2 — volunteers; canbo — staff; password ${DEMO_PASSWORD})\n`);
if (kiosk.services.receipts.virtualPrinter) process.stdout.write(`printer: virtual receipt printer — what it prints is saved as PNG in ${receiptsDir}\n`);
process.stdout.write(`(data: ${dataDir}; staff exit: tap the top-left corner 5 times, PIN 246810; Ctrl+C to stop)\n`);

async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  process.stdout.write(`\n${signal}: shutting down… `);
  await kiosk.close();
  await hub.close();
  await hubRepo.close();
  await province.close();
  rmSync(path.join(dataDir, 'devices.json'), { force: true });
  process.stdout.write('done.\n');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
