/**
 * A hub linked to a province, in its own process (killed with SIGKILL by the tests and the benchmark).
 *   node --import tsx tests/unit/province/hub-child.ts <dbUrl> <provinceJson> [--port N] [--outbox JSON]
 * Prints `READY <url>`.
 */
import { buildHub } from '../../../hub/server/app.ts';

const dbUrl = process.argv[2]!;
const province = JSON.parse(process.argv[3]!);
const portAt = process.argv.indexOf('--port');
const outboxAt = process.argv.indexOf('--outbox');
const hub = await buildHub({
  db: dbUrl,
  port: portAt > 0 ? Number(process.argv[portAt + 1]) : 0,
  province,
  provinceLink: outboxAt > 0 ? { outbox: JSON.parse(process.argv[outboxAt + 1]!) } : {},
});
const { url } = await hub.start();
process.stdout.write(`READY ${url}\n`);
process.on('SIGTERM', () => void hub.close().then(() => process.exit(0)));
