/** A separate process holding one lease (lease.test.ts kills it with SIGKILL): prints "owner" once it owns it. */
import { PgLeases } from '../../../../hub/cluster/pg-lease.ts';

const [url, name] = process.argv.slice(2);
const leases = new PgLeases({ url: url!, instanceId: 'hub-child', retryMs: 100 });
leases.hold(name!, { onAcquire: () => process.stdout.write('owner\n'), onLose: () => process.stdout.write('lost\n') });
setInterval(() => undefined, 1_000);
