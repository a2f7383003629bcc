/**
 * The short variant of `bench:hub --instances` for CI (the 10,000-kiosk run is for docs/benchmarks.md,
 * not for every test run): two instances behind HAProxy, 60 kiosks, a kill -9 half-way, then one
 * instance. Checks the JSON line has the keys and what holds whatever the cluster shares:
 * the killed instance's kiosks all reconnected within 30 s, no application lost, memory measured
 * for each instance, the single-instance figures and the ratio present.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.ts';

function runBench(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/hub.bench.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-6000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('bench:hub --instances (short)', () => {
  it('prints one JSON line with the Must-show keys; the killed instance’s kiosks are back, nothing lost', async () => {
    const r = await runBench(['--instances', '2', '--kiosks', '60', '--seconds', '8', '--single-seconds', '4', '--volunteers', '2'], 200_000);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBe(1);
    const out = JSON.parse(lines[0]!) as Record<string, any>;
    for (const k of ['instances', 'kiosks', 'heartbeatAckMs', 'crossInstanceRingMs', 'configFanoutMs', 'failover']) expect(out).toHaveProperty(k);
    expect(Object.keys(out.heartbeatAckMs).sort()).toEqual(['p50', 'p99']);
    expect(Object.keys(out.crossInstanceRingMs).sort()).toEqual(['median', 'p95']);
    expect(Object.keys(out.failover)).toEqual(expect.arrayContaining(['killedInstance', 'reconnectedMs', 'lostRequests', 'lostApplications', 'droppedCalls']));
    expect(out.instances).toBe(2);
    expect(out.kiosks).toBe(60);
    expect(out.heartbeatAckMs.p99).toBeGreaterThan(0);
    expect(out.failover.killedInstance).toBe('hub2');
    expect(out.failover.kiosksOnKilled).toBeGreaterThan(0);
    expect(out.failover.reconnectedWithin30s).toBe(out.failover.kiosksOnKilled);
    expect(out.failover.reconnectedMs).toBeLessThanOrEqual(30_000);
    expect(out.failover.lostApplications).toBe(0);
    expect(out.applications).toBeGreaterThan(5);
    expect(out.memoryMbPerInstance).toHaveLength(2);
    for (const m of out.memoryMbPerInstance as number[]) expect(m).toBeGreaterThan(20);
    expect(out.singleInstance.heartbeatAckMs.p99).toBeGreaterThan(0);
    expect(out.singleInstance.memoryMb).toBeGreaterThan(20);
    expect(out.ratio.ackP99).toBeGreaterThan(0);
    // Rings were measured (same or other instance) and volunteers took calls.
    expect((out.crossInstanceRingMs.median ?? out.sameInstanceRingMs.median) as number).toBeGreaterThan(0);
    expect(out.calls).toBeGreaterThan(0);
  }, 240_000);
});
