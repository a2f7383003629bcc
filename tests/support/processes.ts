/** Child processes in tests: kill one from outside (as a terminal's Ctrl+C or the OOM killer would) and wait until it is gone. */

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
