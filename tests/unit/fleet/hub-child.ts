/**
 * A hub in its own process, for the exactly-once test (killed with SIGKILL).
 *   node --import tsx tests/unit/fleet/hub-child.ts <dbUrl> [--hang-after-insert] [--port N]
 * Prints `READY <url>`; with --hang-after-insert, prints `INSERTED <id>` after
 * storing an outbox item and never acknowledges it (the parent kills it then).
 */
import { buildHub } from '../../../hub/server/app.ts';

const dbUrl = process.argv[2]!;
const hang = process.argv.includes('--hang-after-insert');
// --port N: listen there (a restarted hub at the same address, as a kiosk's config names it).
const portAt = process.argv.indexOf('--port');
const hub = await buildHub({
  db: dbUrl,
  port: portAt > 0 ? Number(process.argv[portAt + 1]) : 0,
  applications: hang
    ? {
        afterOutboxInsert: async (id) => {
          process.stdout.write(`INSERTED ${id}\n`);
          await new Promise(() => undefined); // stays between the insert and the ack until killed
        },
      }
    : {},
});
const { url } = await hub.start();
process.stdout.write(`READY ${url}\n`);
process.on('SIGTERM', () => void hub.close().then(() => process.exit(0)));
