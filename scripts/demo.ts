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
import { launchBrowserKiosk, REPO_ROOT } from '../services/host/launch.ts';

const dataDir = process.env.WARD_KIOSK_DATA ?? path.join(os.tmpdir(), 'ward-kiosk-demo');
const wanted = Number(process.env.WARD_KIOSK_PORT ?? 4610);
const receiptsDir = path.join(dataDir, 'receipts');

async function launch() {
  try {
    return await launchBrowserKiosk({ port: wanted, dataDir, receiptsDir, configPath, hubEnrolmentCode });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    return launchBrowserKiosk({ port: 0, dataDir, receiptsDir, configPath, hubEnrolmentCode }); // the usual port is taken: any free one
  }
}

// The hub (help calls, fleet) on its embedded database, with demo volunteers and staff.
mkdirSync(dataDir, { recursive: true });
const hubRepo = await openRepository(`sqlite:${path.join(dataDir, 'hub.sqlite')}`);
await seedDemo(hubRepo);
async function startHub() {
  const wantedHub = Number(process.env.HUB_PORT ?? 4620);
  try {
    const h = await buildHub({ db: hubRepo, port: wantedHub });
    return { hub: h, url: (await h.start()).url };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    const h = await buildHub({ db: hubRepo, port: 0 });
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

const kiosk = await launch();
const p = kiosk.services.problems();
for (const line of [...p.config, ...p.catalogueFile]) process.stderr.write(`config problem: ${line}\n`);
process.stdout.write(`kiosk: ${kiosk.host.kioskUrl}\n`);
const scannerHostPath = kiosk.services.idcard.virtualHostPath;
if (scannerHostPath) {
  writeFileSync(path.join(dataDir, 'devices.json'), JSON.stringify({ scannerHostPath }));
  process.stdout.write(`scanner: virtual ID-card scanner — feed it with: npm run --silent scan\n`);
}
process.stdout.write(`volunteer: ${hubUrl}/volunteer/\n`);
process.stdout.write(`staff: ${hubUrl}/staff/\n`);
process.stdout.write(`(hub demo users: tnv1, tnv2 — volunteers; canbo — staff; password ${DEMO_PASSWORD})\n`);
if (kiosk.services.receipts.virtualPrinter) process.stdout.write(`printer: virtual receipt printer — what it prints is saved as PNG in ${receiptsDir}\n`);
process.stdout.write(`(data: ${dataDir}; staff exit: tap the top-left corner 5 times, PIN 2468; Ctrl+C to stop)\n`);

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  process.stdout.write(`\n${signal}: shutting down… `);
  await kiosk.close();
  await hub.close();
  await hubRepo.close();
  rmSync(path.join(dataDir, 'devices.json'), { force: true });
  process.stdout.write('done.\n');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
