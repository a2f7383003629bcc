import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KioskStore } from '../../../services/store.ts';
import { ROOT, tempDir } from '../../support/paths.ts';

describe('local store (SQLite)', () => {
  it('loses nothing that was committed when the process is killed mid-write', async () => {
    const file = path.join(tempDir('store-kill'), 'kiosk.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/support/store-writer.ts'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const committed: string[] = [];
    let buf = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n');
        buf = lines.pop()!;
        committed.push(...lines);
        if (committed.length >= 300 && !child.killed) {
          child.kill('SIGKILL'); // mid-loop: a transaction is very likely in flight
        }
      });
      child.on('exit', () => resolve());
    });
    expect(committed.length).toBeGreaterThanOrEqual(300);
    const store = new KioskStore(file);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const codes = new Set(store.pendingOutbox(100_000).map((i) => i.code));
    for (const c of committed) expect(codes.has(c), c).toBe(true);
    // the code counter and the outbox moved together: no gaps, no duplicates
    expect(store.counter('seq:261123')).toBe(codes.size);
    expect(store.counter('applications:submitted')).toBe(codes.size);
    store.close();
  }, 60_000);

  it('allocates application codes and the outbox row in one transaction', () => {
    const store = new KioskStore(path.join(tempDir('store-tx'), 'k.sqlite'));
    const base = { day: '261123', serviceCode: '1.001193', now: '2026-11-23T03:00:00.000Z', payload: { a: 1 } };
    store.enqueueApplication({ ...base, id: 'a', makeCode: (s) => `C-${s}` });
    // a failing insert (duplicate id) must not consume a sequence number
    expect(() => store.enqueueApplication({ ...base, id: 'a', makeCode: (s) => `C-${s}` })).toThrow();
    const next = store.enqueueApplication({ ...base, id: 'b', makeCode: (s) => `C-${s}` });
    expect(next.code).toBe('C-2');
    expect(store.counter('seq:261123')).toBe(2);
    store.close();
  });

  it('drops the resident data once delivered but keeps the code trackable', () => {
    const store = new KioskStore(path.join(tempDir('store-deliver'), 'k.sqlite'));
    const item = store.enqueueApplication({ id: 'a', day: '261123', serviceCode: '1.001193', now: '2026-11-23T03:00:00.000Z', payload: { name: 'Lê Thị Hoa' }, makeCode: () => 'CODE-1' });
    store.markDelivered(item.id, '2026-11-23T03:01:00.000Z');
    expect(store.pendingOutbox()).toHaveLength(0);
    const row = store.db.prepare('SELECT payload FROM outbox WHERE id = ?').get('a') as { payload: string };
    expect(row.payload).not.toContain('Hoa');
    store.appendTimeline('CODE-1', 'received', '2026-11-23T04:00:00.000Z', { vi: 'Đã tiếp nhận', en: 'Received' });
    expect(store.timeline('CODE-1')!.entries.map((e) => e.status)).toEqual(['submitted', 'received']);
    expect(() => store.appendTimeline('NOPE', 'received', 'x', null)).toThrow();
    store.close();
  });

  it('keeps the last good config across reopen', () => {
    const file = path.join(tempDir('store-config'), 'k.sqlite');
    const a = new KioskStore(file);
    a.saveGoodConfig('v1', '{"x":1}', 'now');
    a.saveGoodConfig('v2', '{"x":2}', 'later');
    a.close();
    const b = new KioskStore(file);
    expect(b.goodConfig()).toEqual({ version: 'v2', json: '{"x":2}', savedAt: 'later' });
    b.close();
  });
});
