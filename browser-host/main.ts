/**
 * Run the kiosk in browser mode: services + loopback host.
 *   node --import tsx browser-host/main.ts [--port N] [--data-dir DIR] [--config FILE] [--catalogue FILE]
 *     [--enrol-code CODE]   one-time hub enrolment code for an automated install (or WARD_KIOSK_HUB_CODE)
 * Prints `kiosk: http://127.0.0.1:PORT/#token=…` and runs until SIGINT/SIGTERM.
 * The hub's restart command closes it and exits with RESTART_EXIT_CODE (75):
 * the launcher (systemd `RestartForceExitStatus=75`, see docs/fleet.md) starts it again.
 * Layer: node.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RESTART_EXIT_CODE } from '../services/fleet/agent.ts';
import { launchBrowserKiosk } from './launch.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.WARD_KIOSK_PORT ?? '0' },
    'data-dir': { type: 'string', default: process.env.WARD_KIOSK_DATA ?? path.join(os.homedir(), '.ward-kiosk') },
    config: { type: 'string', default: process.env.WARD_KIOSK_CONFIG },
    catalogue: { type: 'string', default: process.env.WARD_KIOSK_CATALOGUE },
    'renderer-dir': { type: 'string' },
    token: { type: 'string', default: process.env.WARD_KIOSK_TOKEN },
    'enrol-code': { type: 'string', default: process.env.WARD_KIOSK_HUB_CODE },
  },
});
let restart: () => void = () => undefined;

try {
  const kiosk = await launchBrowserKiosk({
    port: Number(values.port),
    dataDir: values['data-dir']!,
    configPath: values.config,
    cataloguePath: values.catalogue,
    rendererDir: values['renderer-dir'],
    token: values.token,
    tmpRoot: process.env.WARD_KIOSK_TMP,
    diagnostics: process.env.WARD_KIOSK_DIAGNOSTICS === '1',
    hubEnrolmentCode: values['enrol-code'],
    // where the virtual printer saves what it prints, as PNG (tests and docs/screens.md)
    receiptsDir: process.env.WARD_KIOSK_RECEIPTS || undefined,
    restart: () => restart(),
    fleet: process.env.WARD_KIOSK_HEARTBEAT_MS ? { heartbeatMs: Number(process.env.WARD_KIOSK_HEARTBEAT_MS) } : undefined,
  });
  process.stdout.write(`kiosk: ${kiosk.host.kioskUrl}\n`);
  let closing = false;
  const shutdown = async (signal: string, code = 0) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`kiosk host: ${signal}, shutting down\n`);
    await kiosk.close();
    process.exit(code);
  };
  restart = () => void shutdown('restart asked by the hub', RESTART_EXIT_CODE);
  process.on('SIGHUP', () => kiosk.services.requestReload());
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
