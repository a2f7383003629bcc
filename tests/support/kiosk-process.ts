/**
 * Start the real kiosk (services + loopback host) in its own process, as the
 * demo does, for end-to-end tests. The diagnostics endpoints let a test look
 * into that process's memory and temp folders.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG, ROOT, tempDir } from './paths.ts';

export interface KioskProcess {
  url: string;
  base: string;
  token: string;
  tmpRoot: string;
  dataDir: string;
  child: ChildProcess;
  stderr: () => string;
  sessionDirs(): Promise<string[]>;
  /** Feed the kiosk's virtual ID-card scanner, as a serial 2D scanner sends it (payload + CR). */
  scan(payload: string): Promise<void>;
  /** Jam or fix the kiosk's virtual receipt printer. */
  setPrinter(c: { paperOut?: boolean; coverOpen?: boolean; paperNearEnd?: boolean }): Promise<void>;
  heapContains(a: string, b: string): Promise<boolean>;
  /** Pages the kiosk's virtual printer has printed so far. */
  printedPages(): Promise<number>;
  stop(): Promise<void>;
}

export function ensureRendererBuilt(): void {
  if (existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('renderer build failed');
}

export function writeConfig(patch: (c: Record<string, any>) => void): string {
  const c = JSON.parse(readFileSync(DEFAULT_CONFIG, 'utf8')) as Record<string, any>;
  patch(c);
  const file = path.join(tempDir('config'), 'kiosk.json');
  writeFileSync(file, JSON.stringify(c, null, 2));
  return file;
}

export async function startKioskProcess(
  opts: {
    configPath?: string;
    cataloguePath?: string;
    hubEnrolmentCode?: string;
    /** Keep the info log lines on stderr (the privacy test reads every line the kiosk logs). */
    verbose?: boolean;
    /** More environment for the kiosk process (e.g. TMPDIR, so every temp file lands where a test looks). */
    env?: Record<string, string>;
  } = {},
): Promise<KioskProcess> {
  ensureRendererBuilt();
  const tmpRoot = tempDir('kiosk-tmp');
  const dataDir = tempDir('kiosk-data');
  const args = ['--import', 'tsx', path.join(ROOT, 'browser-host/main.ts'), '--port', '0', '--data-dir', dataDir];
  if (opts.configPath) args.push('--config', opts.configPath);
  if (opts.cataloguePath) args.push('--catalogue', opts.cataloguePath);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      WARD_KIOSK_TMP: tmpRoot,
      WARD_KIOSK_DIAGNOSTICS: '1',
      WARD_KIOSK_QUIET: opts.verbose ? '0' : '1',
      ...(opts.hubEnrolmentCode ? { WARD_KIOSK_HUB_CODE: opts.hubEnrolmentCode } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`kiosk did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^kiosk: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`kiosk exited ${code}: ${err}`)));
  });
  const base = url.split('#')[0]!;
  const token = url.split('#token=')[1]!;
  const diag = (p: string) => `${base}__diag/${p}?token=${encodeURIComponent(token)}`;
  return {
    url,
    base,
    token,
    tmpRoot,
    dataDir,
    child,
    stderr: () => err,
    async sessionDirs() {
      return ((await (await fetch(diag('session-dirs'))).json()) as { dirs: string[] }).dirs;
    },
    async scan(payload) {
      const { scannerHostPath } = (await (await fetch(diag('devices'))).json()) as { scannerHostPath: string | null };
      if (!scannerHostPath) throw new Error('the kiosk has no virtual scanner');
      writeFileSync(scannerHostPath, Buffer.from(`${payload}\r`, 'utf8'));
    },
    async setPrinter(c) {
      const r = (await (await fetch(diag('devices'), { method: 'POST', body: JSON.stringify(c) })).json()) as { ok: boolean };
      if (!r.ok) throw new Error('the kiosk has no virtual printer');
    },
    async printedPages() {
      const { printedPages } = (await (await fetch(diag('devices'))).json()) as { printedPages: number | null };
      if (printedPages === null) throw new Error('the kiosk has no virtual printer');
      return printedPages;
    },
    async heapContains(a, b) {
      const res = await fetch(diag('heap-search'), { method: 'POST', body: JSON.stringify({ a, b }) });
      return ((await res.json()) as { found: boolean }).found;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
