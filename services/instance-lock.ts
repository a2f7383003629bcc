/**
 * One kiosk per data folder: a second instance would share the store and sweep
 * the first one's session folders. A lock file holds the owner's pid; a lock
 * left by a dead process is taken over. Layer: node.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export class AlreadyRunningError extends Error {
  constructor(readonly pid: number, readonly dataDir: string) {
    super(`Another kiosk (pid ${pid}) is already running with the data folder ${dataDir}. Stop it first, or use another --data-dir.`);
    this.name = 'AlreadyRunningError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the lock or throw AlreadyRunningError; returns the release function. */
export function acquireInstanceLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'kiosk.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new AlreadyRunningError(pid, dataDir);
      if (pid === process.pid) throw new AlreadyRunningError(pid, dataDir);
      rmSync(file, { force: true }); // stale: its owner died (power cut, kill -9)
    }
  }
  throw new Error(`Could not take the kiosk lock in ${dataDir}`);
}
