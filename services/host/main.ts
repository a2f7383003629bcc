/**
 * Run the kiosk in browser mode: services + loopback host.
 *   tsx services/host/main.ts [--port N] [--data-dir DIR] [--config FILE] [--catalogue FILE]
 * Prints `kiosk: http://127.0.0.1:PORT/#token=…` and runs until SIGINT/SIGTERM.
 * Layer: node.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createKioskServices } from '../kiosk-services.ts';
import { SESSION_TMP_PREFIX } from '../session.ts';
import { startHost } from './server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.WARD_KIOSK_PORT ?? '0' },
    'data-dir': { type: 'string', default: process.env.WARD_KIOSK_DATA ?? path.join(os.homedir(), '.ward-kiosk') },
    config: { type: 'string', default: process.env.WARD_KIOSK_CONFIG },
    catalogue: { type: 'string', default: process.env.WARD_KIOSK_CATALOGUE },
    'renderer-dir': { type: 'string', default: path.join(root, 'dist', 'renderer') },
    token: { type: 'string', default: process.env.WARD_KIOSK_TOKEN },
  },
});

const rendererDir = path.resolve(values['renderer-dir']!);
if (!existsSync(path.join(rendererDir, 'index.html'))) {
  process.stderr.write(`The renderer is not built (${rendererDir}/index.html is missing). Run: npm run build:renderer\n`);
  process.exit(2);
}

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const tmpRoot = process.env.WARD_KIOSK_TMP ?? os.tmpdir();
const services = await createKioskServices({
  dataDir: path.resolve(values['data-dir']!),
  configPath: values.config,
  cataloguePath: values.catalogue,
  carrier: 'browser',
  appVersion: pkg.version,
  tmpRoot,
});
const host = await startHost({
  services,
  rendererDir,
  port: Number(values.port),
  token: values.token,
  diagnostics:
    process.env.WARD_KIOSK_DIAGNOSTICS === '1'
      ? { sessionTmpRoot: tmpRoot, listSessionDirs: () => readdirSync(tmpRoot).filter((n) => n.startsWith(SESSION_TMP_PREFIX)) }
      : null,
});

process.stdout.write(`kiosk: ${host.kioskUrl}\n`);

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  process.stderr.write(`kiosk host: ${signal}, shutting down\n`);
  await host.close();
  await services.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
