/**
 * Runs the hub on its own:
 *
 *   node --import tsx hub/main.ts [--port N] [--host 127.0.0.1] [--db sqlite:FILE|postgres://…]
 *                                 [--config hub.json] [--seed-demo]
 *
 * `--config` is a JSON file: { ringTimeoutMs, escalateMs, noAnswerMs, callGraceMs, sessionTtlMs,
 * turn: {urls, secret, ttl}, wardContacts: {ward: {name, phone}}, secureCookies,
 * fleet: {offlineAfterMs, sweepMs, alertRules, smtp}, pairing: {ttlMs, maxOpenPerIp, …} } — checked by hub/config-file.ts.
 * Prints the console addresses, runs until SIGINT/SIGTERM, then closes cleanly.
 */
import { readFileSync } from 'node:fs';
import { parseHubFileConfig } from './config-file.ts';
import { clusterSettings } from './cluster/config.ts';
import { openCluster, SecondInstanceError, type Cluster } from './cluster/index.ts';
import { describeDb, openRepository } from './db/index.ts';
import { buildHub } from './server/app.ts';
import { DEMO_PASSWORD, seedDemo } from './seed.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg('--port') ?? process.env.HUB_PORT ?? 4620);
const host = arg('--host') ?? '127.0.0.1';
const dbUrl = arg('--db') ?? process.env.HUB_DB ?? 'sqlite:hub.sqlite';
const configFile = arg('--config');
const { cluster: clusterFile, ...config } = configFile ? parseHubFileConfig(readFileSync(configFile, 'utf8'), configFile) : {};
const timings = clusterSettings(clusterFile); // hub.json `cluster` (hub/cluster/config.ts)

// Issue 18: SQLite serves one instance (a second one is refused here, before it opens the database);
// on PostgreSQL, instances share the database and talk through LISTEN/NOTIFY (docs/cluster.md).
let cluster: Cluster;
try {
  cluster = await openCluster(dbUrl, { ...timings.cluster, instanceId: process.env.HUB_INSTANCE_ID || undefined });
} catch (e) {
  if (!(e instanceof SecondInstanceError)) throw e;
  process.stderr.write(`hub: ${e.message}\n`);
  process.exit(3);
}
const repo = await openRepository(dbUrl);
if (process.argv.includes('--seed-demo')) {
  await seedDemo(repo);
  process.stdout.write(`demo users tnv1, tnv2 (volunteers), canbo (staff) — password: ${DEMO_PASSWORD}\n`);
}
const hub = await buildHub({ ...config, helpTimings: timings.helpTimings, db: repo, cluster, host, port });
const { url } = await hub.start();
process.stdout.write(`hub: ${url} (db: ${describeDb(dbUrl)}, instance ${cluster.instanceId})\n`);
process.stdout.write(`volunteer: ${url}/volunteer/\n`);
process.stdout.write(`staff: ${url}/staff/\n`);

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  process.stdout.write(`${signal}: closing the hub… `);
  await hub.close();
  await repo.close();
  await cluster.close();
  process.stdout.write('done.\n');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
