/**
 * Issue 17, findings 0 and 8 (kiosk side): the kiosk store's one mechanism for resident data on
 * disk — rows deleted under secure_delete=ON, then the WAL checkpointed and truncated. Each test
 * reads the raw bytes of every file of the database (main file, -wal, -shm, any journal) and looks
 * for the resident's data in UTF-8 / UTF-16, NFC / NFD.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { KioskStore } from '../../../services/store.ts';
import { tempDir } from '../../support/paths.ts';
import { findResidue } from '../../support/residue.ts';

const NAME = 'Trịnh Thị Thu Hà';
const ID = '001190098765';

function payload(i: number, pad = 0) {
  return { serviceCode: '1.001193', answers: { declarantName: `${NAME} ${i}`, declarantId: ID, note: 'x'.repeat(pad) } };
}

function enqueue(store: KioskStore, id: string, i: number, pad = 0) {
  return store.enqueueApplication({ id, day: '261206', serviceCode: '1.001193', now: `2026-12-06T03:00:0${i % 10}.000Z`, payload: payload(i, pad), makeCode: (s) => `C-${s}` });
}

describe('kiosk store: resident data leaves through forget()', () => {
  it('sets secure_delete=ON (not FAST), temp_store=MEMORY, and keeps WAL with synchronous=FULL', () => {
    const store = new KioskStore(path.join(tempDir('forget-pragmas'), 'k.sqlite'));
    expect(store.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(store.db.pragma('temp_store', { simple: true })).toBe(2);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    store.close();
  });

  it('an acknowledged application leaves no byte of the resident in the database, its free pages or the WAL — small and large (overflow pages) payloads', () => {
    const dir = tempDir('forget-ack');
    const store = new KioskStore(path.join(dir, 'k.sqlite'));
    const items = [enqueue(store, 'a', 1), enqueue(store, 'b', 2, 300_000), enqueue(store, 'c', 3, 5000)];
    // while waiting for the hub the application is on disk (durable) …
    expect(findResidue([dir], [NAME]).length).toBeGreaterThan(0);
    for (const it of items) store.markDelivered(it.id, '2026-12-06T03:05:00.000Z');
    // … and once acknowledged, nowhere: not in the database file, not in the WAL (truncated), not in free pages
    expect(findResidue([dir], [NAME, ID])).toEqual([]);
    expect(store.residentPayloads()).toBe(0);
    expect(store.pendingOutbox()).toEqual([]);
    // the code stays trackable
    expect(store.timeline('C-2')!.entries.map((e) => e.status)).toEqual(['submitted']);
    store.close();
    expect(findResidue([dir], [NAME, ID])).toEqual([]);
  });

  it('acknowledged inside a caller’s own transaction (not through forget): the scrub still follows right after it', async () => {
    const dir = tempDir('forget-tx');
    const store = new KioskStore(path.join(dir, 'k.sqlite'));
    enqueue(store, 'a', 1);
    store.db.transaction(() => store.markDelivered('a', '2026-12-06T03:05:00.000Z'))();
    await new Promise((r) => setImmediate(r));
    expect(findResidue([dir], [NAME, ID])).toEqual([]);
    store.close();
  });

  it('one of two applications acknowledged: only that one is gone, the other is still there and still deliverable', () => {
    const dir = tempDir('forget-one');
    const store = new KioskStore(path.join(dir, 'k.sqlite'));
    enqueue(store, 'a', 1);
    enqueue(store, 'b', 2);
    store.markDelivered('a', '2026-12-06T03:05:00.000Z');
    const found = findResidue([dir], [`${NAME} 1`, `${NAME} 2`]);
    expect(found.filter((f) => f.needle === `${NAME} 1`)).toEqual([]);
    expect(found.some((f) => f.needle === `${NAME} 2`)).toBe(true);
    expect(store.pendingOutbox().map((i) => i.payload)).toEqual([payload(2)]);
    store.close();
  });

  it('a checkpoint blocked by a reader is retried until it finishes; then nothing is left', async () => {
    const dir = tempDir('forget-reader');
    const file = path.join(dir, 'k.sqlite');
    const store = new KioskStore(file);
    enqueue(store, 'a', 1);
    const reader = new Database(file, { readonly: true });
    reader.pragma('busy_timeout = 0');
    const open = reader.prepare('SELECT id FROM outbox').iterate(); // a read transaction held open
    open.next();
    store.db.pragma('busy_timeout = 0'); // don't wait in this test: the scrub is retried by a timer
    const before = store.scrubs;
    store.markDelivered('a', '2026-12-06T03:05:00.000Z');
    expect(store.scrubs).toBe(before); // blocked
    expect(findResidue([dir], [NAME]).length).toBeGreaterThan(0);
    open.return?.();
    reader.close();
    const end = Date.now() + 5000;
    while (store.scrubs === before && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(store.scrubs).toBeGreaterThan(before);
    expect(findResidue([dir], [NAME, ID])).toEqual([]);
    store.close();
  });

  it('killed between the delete and its checkpoint: the next open scrubs', () => {
    const dir = tempDir('forget-reopen');
    const file = path.join(dir, 'k.sqlite');
    const a = new KioskStore(file);
    enqueue(a, 'a', 1);
    // the delete commits, the process dies before the scrub (simulated: the delete without forget, no close)
    a.db.transaction(() => {
      a.db.prepare("UPDATE outbox SET delivered_at = 'x' WHERE id = 'a'").run();
      a.db.prepare("DELETE FROM outbox_payload WHERE id = 'a'").run();
    })();
    expect(findResidue([dir], [NAME]).length).toBeGreaterThan(0);
    const b = new KioskStore(file); // a's handle is still open, as after a crash the files are as they were
    expect(findResidue([dir], [NAME, ID])).toEqual([]);
    b.close();
    a.db.close();
  });

  it('a store of schema 1 (payload blanked in place) is migrated: pending applications kept, blanked ones scrubbed', () => {
    const dir = tempDir('forget-migrate');
    const file = path.join(dir, 'k.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('schema', '1');
      CREATE TABLE outbox (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, service_code TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, delivered_at TEXT);`);
    const ins = old.prepare('INSERT INTO outbox(id, code, service_code, payload, created_at) VALUES (?, ?, ?, ?, ?)');
    // names in overflow pages, freed (not zeroed) by the old blanking
    for (let i = 1; i <= 5; i++) ins.run(`old-delivered-${i}`, `C-${i}`, '1.001193', JSON.stringify({ note: 'x'.repeat(20_000), ...payload(1) }), `2026-12-05T01:00:0${i}.000Z`);
    ins.run('old-pending', 'C-9', '1.001193', JSON.stringify(payload(2)), '2026-12-05T01:00:09.000Z');
    old.prepare("UPDATE outbox SET payload = '{}', delivered_at = 'x' WHERE id LIKE 'old-delivered-%'").run(); // the old blanking
    old.close(); // its last close checkpointed: the blanked name sits in free pages of the database file
    expect(findResidue([dir], [`${NAME} 1`]).length).toBeGreaterThan(0);
    const store = new KioskStore(file);
    expect(store.pendingOutbox().map((i) => [i.id, i.payload])).toEqual([['old-pending', payload(2)]]);
    store.markDelivered('old-pending', '2026-12-06T03:05:00.000Z');
    expect(findResidue([dir], [NAME, ID])).toEqual([]);
    store.close();
  });
});
