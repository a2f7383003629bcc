/**
 * The HAProxy configuration the tests and the bench run (tests/support/haproxy.ts) is the one
 * docs/scale.md shows, and HAProxy itself accepts it (`haproxy -c`; .ci/run installs haproxy).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHaproxy, haproxyConfig } from '../../support/haproxy.ts';
import { ROOT, tempDir } from '../../support/paths.ts';

const documented = () =>
  haproxyConfig({
    bind: '127.0.0.1:8080',
    servers: [1, 2, 3].map((i) => ({ name: `hub${i}`, host: `10.0.0.1${i}`, port: 4620 })),
    adminSocket: '/run/haproxy/admin.sock',
    maxconn: 20000,
  });

describe('HAProxy configuration', () => {
  it('docs/scale.md shows exactly the generated configuration', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'scale.md'), 'utf8');
    expect(doc).toContain(documented().trim());
  });

  it('HAProxy accepts it: WebSocket tunnel timeout, health check, leastconn, no stickiness', () => {
    const text = documented();
    expect(text).toMatch(/timeout tunnel/);
    expect(text).toMatch(/http-check send meth GET uri \/api\/health/);
    expect(text).toMatch(/balance leastconn/);
    expect(text).not.toMatch(/\bcookie\b|stick-table|stick on|balance source/);
    const dir = tempDir('haproxy-cfg');
    try {
      const file = path.join(dir, 'haproxy.cfg');
      writeFileSync(file, text.replace('/run/haproxy/admin.sock', path.join(dir, 'admin.sock')));
      const r = spawnSync(findHaproxy(), ['-c', '-f', file], { encoding: 'utf8', timeout: 10_000 });
      expect(r.status, r.stderr || r.stdout).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a server name HAProxy would misread', () => {
    expect(() => haproxyConfig({ bind: '127.0.0.1:1', servers: [{ name: 'hub 1\n  option x', port: 1 }], adminSocket: null, maxconn: 100 })).toThrow(/bad server name/);
  });
});
