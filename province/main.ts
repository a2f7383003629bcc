/**
 * The simulated province on its own:
 *
 *   npm run province -- --port P [--db FILE] [--user U --password P] [--group G] [--agency CODE]
 *                       [--auto-receive] [--fault down|slow|5xx|429|credentials|garbage|html|huge|unknown-status|bad-dossier-no]
 *
 * Prints `province: http://127.0.0.1:P/` (the clerk page; the REST API is under /o/rest/v2) and
 * runs until SIGINT/SIGTERM. Faults can also be set while running: POST /admin/faults {…}.
 * Layer: province (node).
 */
import { buildProvince, DEFAULT_AGENCIES, DEFAULT_GROUP, DEFAULT_USER, type Faults } from './server.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}
function args(name: string): string[] {
  return process.argv.flatMap((a, i) => (a === name && process.argv[i + 1] ? [process.argv[i + 1]!] : []));
}

const FAULT_FLAGS: Record<string, Partial<Faults>> = {
  down: { down: true },
  slow: { slowMs: 2000 },
  '5xx': { error5xx: true },
  '429': { tooMany: true },
  credentials: { refuseCredentials: true },
  garbage: { garbage: true },
  html: { html: true },
  huge: { huge: true },
  'unknown-status': { unknownStatus: true },
  'bad-dossier-no': { badDossierNo: true },
};

const faults: Partial<Faults> = {};
for (const f of args('--fault')) {
  const p = FAULT_FLAGS[f];
  if (!p) {
    process.stderr.write(`unknown fault ${f}; one of: ${Object.keys(FAULT_FLAGS).join(', ')}\n`);
    process.exit(2);
  }
  Object.assign(faults, p);
}
const agencyArgs = args('--agency');
const province = await buildProvince({
  dbFile: arg('--db'),
  port: Number(arg('--port') ?? 4630),
  users: [{ user: arg('--user') ?? DEFAULT_USER.user, password: arg('--password') ?? DEFAULT_USER.password }],
  groupId: arg('--group') ?? DEFAULT_GROUP,
  agencies: agencyArgs.length ? Object.fromEntries(agencyArgs.map((a) => [a, DEFAULT_AGENCIES[a] ?? `Cơ quan ${a}`])) : DEFAULT_AGENCIES,
  autoReceive: process.argv.includes('--auto-receive'),
  faults,
});
const { url } = await province.start();
process.stdout.write(`province: ${url}/\n`);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await province.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
