/**
 * Child processes in tests: a free loopback port for a server to be started, and killing one from
 * outside (as a terminal's Ctrl+C or the OOM killer would), waiting until it is gone.
 */
import net from 'node:net';

/** A TCP port free on 127.0.0.1 right now (for a child process that must be told its port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Sends `signal` to `pid`, then waits (bounded) until no such process exists and Node has seen its exit. */
export async function killAndWait(pid: number, signal: NodeJS.Signals, timeoutMs = 3000): Promise<void> {
  process.kill(pid, signal);
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      break; // gone
    }
    if (Date.now() > until) throw new Error(`process ${pid} still there ${timeoutMs} ms after ${signal}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 50)); // let Node's child-process handle see the exit
}

/** 'done' if `p` settles within `ms`, else 'hung'. */
export function settlesWithin(p: Promise<unknown>, ms = 3000): Promise<'done' | 'hung'> {
  return Promise.race([p.then(() => 'done' as const), new Promise<'hung'>((r) => setTimeout(() => r('hung'), ms))]);
}
