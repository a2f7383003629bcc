import { describe, expect, it } from 'vitest';
import { trackObjectUrl, trackedObjectUrlCount, wipeRendererStorage, type WipeEnv } from '../../../renderer/src/session/wipe.ts';

function fakeEnv() {
  const session = new Map([['a', '1']]);
  const local = new Map([['b', '2']]);
  const dbs = new Set(['drafts', 'scans']);
  const cacheKeys = new Set(['c1']);
  const revoked: string[] = [];
  const cookieJar = new Map([['k', 'v'], ['t', 'u']]);
  const env: WipeEnv = {
    sessionStorage: { clear: () => session.clear() },
    localStorage: { clear: () => local.clear() },
    indexedDB: {
      databases: async () => [...dbs].map((name) => ({ name, version: 1 })),
      deleteDatabase: (name: string) => {
        const req = { onsuccess: null as null | (() => void), onerror: null, onblocked: null, error: null } as unknown as IDBOpenDBRequest;
        setTimeout(() => {
          dbs.delete(name);
          (req.onsuccess as unknown as () => void)?.();
        }, 1);
        return req;
      },
    },
    caches: { keys: async () => [...cacheKeys], delete: async (k: string) => cacheKeys.delete(k) },
    revokeObjectURL: (u) => revoked.push(u),
    document: {
      get cookie() {
        return [...cookieJar].map(([k, v]) => `${k}=${v}`).join('; ');
      },
      set cookie(s: string) {
        const [kv] = s.split(';');
        const [k] = (kv ?? '').split('=');
        if (/expires=Thu, 01 Jan 1970/.test(s)) cookieJar.delete(k!.trim());
      },
    },
  };
  return { env, session, local, dbs, cacheKeys, revoked, cookieJar };
}

describe('wipeRendererStorage', () => {
  it('wipes session and local storage, every IndexedDB database, caches, object URLs and cookies', async () => {
    const f = fakeEnv();
    trackObjectUrl('blob:one');
    trackObjectUrl('blob:two');
    const report = await wipeRendererStorage(f.env);
    expect(f.session.size).toBe(0);
    expect(f.local.size).toBe(0);
    expect(f.dbs.size).toBe(0);
    expect(f.cacheKeys.size).toBe(0);
    expect(f.revoked.sort()).toEqual(['blob:one', 'blob:two']);
    expect(trackedObjectUrlCount()).toBe(0);
    expect(f.cookieJar.size).toBe(0);
    expect(report).toMatchObject({ storage: true, indexedDb: 2, caches: 1, objectUrls: 2, cookies: 2, errors: [] });
  });

  it('keeps going when one store throws, and reports it', async () => {
    const f = fakeEnv();
    f.env.sessionStorage = {
      clear: () => {
        throw new Error('denied');
      },
    };
    const report = await wipeRendererStorage(f.env);
    expect(report.errors).toEqual(['sessionStorage: denied']);
    expect(f.local.size).toBe(0);
    expect(f.dbs.size).toBe(0);
  });
});
