/**
 * Run the kiosk in browser mode: services + loopback host.
 *   node --import tsx services/host/main.ts [--port N] [--data-dir DIR] [--config FILE] [--catalogue FILE]
 * Prints `kiosk: http://127.0.0.1:PORT/#token=…` and runs until SIGINT/SIGTERM.
 * Layer: node.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowserKiosk } from './launch.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.WARD_KIOSK_PORT ?? '0' },
    'data-dir': { type: 'string', default: process.env.WARD_KIOSK_DATA ?? path.join(os.homedir(), '.ward-kiosk') },
    config: { type: 'string', default: process.env.WARD_KIOSK_CONFIG },
    catalogue: { type: 'string', default: process.env.WARD_KIOSK_CATALOGUE },
    'renderer-dir': { type: 'string' },
    token: { type: 'string', default: process.env.WARD_KIOSK_TOKEN },
  },
});

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
    hubEnrolmentCode: process.env.WARD_KIOSK_HUB_CODE,
  });
  process.stdout.write(`kiosk: ${kiosk.host.kioskUrl}\n`);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`kiosk host: ${signal}, shutting down\n`);
    await kiosk.close();
    process.exit(0);
  };
  process.on('SIGHUP', () => kiosk.services.requestReload());
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
