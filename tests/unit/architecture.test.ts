/**
 * Layering by runtime, as in VS Code: the path says what a file may import.
 *   common/, kiosk-config/  — anywhere: no Node, DOM-only, Electron or React imports
 *   renderer/               — browser: no Node, Electron, services or drivers
 *   drivers/                — node: no React, renderer or Electron
 *   services/               — node: no React, renderer or Electron
 *   electron/               — electron-main/preload: no React or renderer code
 *   browser-host/           — node, the second shell (browser mode's loopback host): no React, renderer or Electron
 *   hub/                    — node server: no renderer, consoles, services, drivers or Electron
 *   consoles/               — browser (the volunteer and staff consoles the hub serves): no Node, Electron, hub, services or drivers
 *   province/               — the simulated province (its own process): common/ and Node only
 *   scripts/                — node command-line tools: no React, renderer, consoles or Electron
 * Every top folder holding TypeScript has a rule here (tests/ aside), and no file imports itself back
 * through others at run time (no import cycle).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.ts';

function files(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist') continue;
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) out = out.concat(files(rel));
    // build tooling (vite.config.ts) runs in Node at build time, not in the layer
    else if (/\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts') && !/\.config\.ts$/.test(name)) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const src = readFileSync(path.join(ROOT, file), 'utf8');
  const specs: string[] = [];
  for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) specs.push(m[1]!);
  for (const m of src.matchAll(/(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs;
}

/** The top-level folder an import lands in, or the package name. */
function target(file: string, spec: string): string {
  if (spec.startsWith('.')) return path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec)).split(path.sep)[0]!;
  return spec.startsWith('node:') ? 'node:' : spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
}

const NODE_BUILTINS = new Set(['node:', 'fs', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'ws', 'better-sqlite3', 'serialport']);
const rules: Record<string, { forbid: (t: string) => boolean; why: string }> = {
  common: { forbid: (t) => NODE_BUILTINS.has(t) || ['electron', 'react', 'react-dom', 'services', 'renderer', 'consoles', 'drivers', 'electron', 'hub', 'province', 'browser-host'].includes(t), why: 'common code runs everywhere' },
  'kiosk-config': { forbid: (t) => NODE_BUILTINS.has(t) || ['electron', 'react', 'services', 'renderer', 'consoles', 'drivers', 'hub', 'province', 'browser-host'].includes(t), why: 'schemas run everywhere' },
  renderer: { forbid: (t) => NODE_BUILTINS.has(t) || ['electron', 'services', 'drivers', 'hub', 'province', 'consoles'].includes(t), why: 'the UI knows nothing of Node, serial ports or drivers' },
  consoles: { forbid: (t) => NODE_BUILTINS.has(t) || ['electron', 'services', 'drivers', 'hub', 'province', 'renderer'].includes(t), why: 'the consoles are browser code: the hub only over HTTP and WebSocket' },
  drivers: { forbid: (t) => ['react', 'react-dom', 'renderer', 'consoles', 'electron', 'browser-host', 'services', 'hub', 'province'].includes(t), why: 'drivers know nothing of React' },
  services: { forbid: (t) => ['react', 'react-dom', 'renderer', 'consoles', 'electron', 'browser-host', 'hub', 'province'].includes(t), why: 'services are plain Node' },
  electron: { forbid: (t) => ['react', 'react-dom', 'renderer', 'consoles', 'browser-host', 'hub', 'province'].includes(t), why: 'the shell does not import UI code' },
  'browser-host': { forbid: (t) => ['react', 'react-dom', 'renderer', 'consoles', 'electron', 'hub', 'province', 'drivers'].includes(t), why: 'the browser host is a shell over the services, like electron/' },
  hub: { forbid: (t) => ['react', 'react-dom', 'renderer', 'consoles', 'services', 'drivers', 'electron', 'province', 'browser-host'].includes(t), why: 'the hub is its own server' },
  province: { forbid: (t) => ['react', 'react-dom', 'renderer', 'consoles', 'services', 'drivers', 'electron', 'hub', 'kiosk-config', 'browser-host'].includes(t), why: 'the simulated province is its own process' },
  scripts: { forbid: (t) => ['react', 'react-dom', 'renderer', 'consoles', 'electron'].includes(t), why: 'scripts are Node command-line tools' },
};

/** Top folders with TypeScript of their own (tests/ is the only one without a layer rule). */
function topFolders(): string[] {
  return readdirSync(ROOT).filter((n) => !n.startsWith('.') && !['node_modules', 'dist', 'release', 'tests'].includes(n) && statSync(path.join(ROOT, n)).isDirectory() && files(n).length > 0);
}

/** The files a file imports at run time (relative imports; `import type` is erased by the compiler). */
function runtimeImports(file: string): string[] {
  const src = readFileSync(path.join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s*['"](\.[^'"]+)['"]/g)) {
    if (m[1]) continue;
    const to = path.join(path.dirname(file), m[2]!);
    if (existsSync(path.join(ROOT, to))) out.push(to);
  }
  for (const m of src.matchAll(/(?:^|\n)\s*import\s*['"](\.[^'"]+\.tsx?)['"]/g)) out.push(path.join(path.dirname(file), m[1]!));
  return out;
}

/** The import cycles of a graph (Tarjan's strongly connected components of more than one file, or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('architecture: imports respect the runtime layers', () => {
  for (const [folder, rule] of Object.entries(rules)) {
    it(`${folder}/ — ${rule.why}`, () => {
      const bad: string[] = [];
      for (const f of files(folder)) {
        for (const spec of imports(f)) if (rule.forbid(target(f, spec))) bad.push(`${f} imports ${spec}`);
      }
      expect(bad).toEqual([]);
    });
  }

  it('every top folder holding TypeScript has a layer rule', () => {
    expect(topFolders().filter((f) => !(f in rules))).toEqual([]);
  });

  it('no import cycle (run-time imports of every layer)', () => {
    const graph = new Map<string, string[]>();
    for (const folder of Object.keys(rules)) for (const f of files(folder)) graph.set(f, runtimeImports(f));
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
  });

  it('the cycle finder itself finds a cycle', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(g).map((c) => c.sort())).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]]))).toEqual([]);
  });

  it('the rule checker itself catches a forbidden import', () => {
    expect(rules.renderer!.forbid(target('renderer/src/x.ts', '../../services/kiosk-services.ts'))).toBe(true);
    expect(rules.common!.forbid(target('common/x.ts', 'node:fs'))).toBe(true);
    expect(rules.drivers!.forbid(target('drivers/x.ts', 'react'))).toBe(true);
    expect(rules.province!.forbid(target('province/x.ts', '../hub/province/adapter.ts'))).toBe(true);
    expect(rules.hub!.forbid(target('hub/province/x.ts', '../../province/server.ts'))).toBe(true);
    expect(rules.consoles!.forbid(target('consoles/staff/logic.ts', '../../hub/fleet/stats.ts'))).toBe(true);
    expect(rules.consoles!.forbid(target('consoles/staff/x.ts', 'node:fs'))).toBe(true);
    expect(rules.hub!.forbid(target('hub/server/app.ts', '../../consoles/staff/logic.ts'))).toBe(true);
    expect(rules.services!.forbid(target('services/x.ts', '../browser-host/server.ts'))).toBe(true);
    expect(rules['browser-host']!.forbid(target('browser-host/x.ts', 'electron'))).toBe(true);
  });
});
