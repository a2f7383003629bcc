/**
 * Wipe everything of the resident that the renderer holds, on `session.ended`
 * (any reason). Layer: renderer.
 *
 * React state is wiped by remounting the resident's tree with a new key (in
 * app/Root.tsx); this module wipes the browser-side stores: sessionStorage,
 * localStorage, every IndexedDB database, Cache Storage, readable cookies and
 * the object URLs the UI created (camera frames and scans in later issues).
 *
 * The environment is injected so the unit tests can prove each store is wiped.
 */

const objectUrls = new Set<string>();

/** Create an object URL that the next wipe revokes. Use this, never URL.createObjectURL directly. */
export function createTrackedObjectUrl(blob: Blob): string {
  const url = URL.createObjectURL(blob);
  objectUrls.add(url);
  return url;
}

export function trackObjectUrl(url: string): void {
  objectUrls.add(url);
}

export function trackedObjectUrlCount(): number {
  return objectUrls.size;
}

export interface WipeEnv {
  sessionStorage?: Pick<Storage, 'clear'> | undefined;
  localStorage?: Pick<Storage, 'clear'> | undefined;
  indexedDB?: Pick<IDBFactory, 'databases' | 'deleteDatabase'> | undefined;
  caches?: Pick<CacheStorage, 'keys' | 'delete'> | undefined;
  revokeObjectURL?: ((url: string) => void) | undefined;
  document?: { cookie: string } | undefined;
}

export interface WipeReport {
  storage: boolean;
  indexedDb: number;
  caches: number;
  objectUrls: number;
  cookies: number;
  errors: string[];
}

function browserEnv(): WipeEnv {
  const g = globalThis as unknown as Partial<Window & typeof globalThis>;
  const safe = <T>(get: () => T): T | undefined => {
    try {
      return get();
    } catch {
      return undefined; // e.g. storage disabled: nothing to wipe there
    }
  };
  return {
    sessionStorage: safe(() => g.sessionStorage),
    localStorage: safe(() => g.localStorage),
    indexedDB: safe(() => g.indexedDB),
    caches: safe(() => g.caches),
    revokeObjectURL: typeof URL !== 'undefined' && URL.revokeObjectURL ? (u) => URL.revokeObjectURL(u) : undefined,
    document: safe(() => g.document),
  };
}

function deleteDb(factory: Pick<IDBFactory, 'deleteDatabase'>, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = factory.deleteDatabase(name);
    const timer = setTimeout(() => resolve(), 2000); // a blocked delete completes when the holder closes
    req.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    req.onerror = () => {
      clearTimeout(timer);
      reject(req.error ?? new Error('deleteDatabase failed'));
    };
    req.onblocked = () => undefined;
  });
}

export async function wipeRendererStorage(env: WipeEnv = browserEnv()): Promise<WipeReport> {
  const report: WipeReport = { storage: false, indexedDb: 0, caches: 0, objectUrls: 0, cookies: 0, errors: [] };
  const attempt = async (what: string, fn: () => unknown) => {
    try {
      await fn();
    } catch (e) {
      report.errors.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  await attempt('sessionStorage', () => env.sessionStorage?.clear());
  await attempt('localStorage', () => env.localStorage?.clear());
  report.storage = report.errors.length === 0;

  await attempt('indexedDB', async () => {
    const idb = env.indexedDB;
    if (!idb || typeof idb.databases !== 'function') return;
    const dbs = await idb.databases();
    for (const db of dbs) {
      if (!db.name) continue;
      await deleteDb(idb, db.name);
      report.indexedDb++;
    }
  });

  await attempt('caches', async () => {
    const c = env.caches;
    if (!c) return;
    for (const key of await c.keys()) {
      if (await c.delete(key)) report.caches++;
    }
  });

  for (const url of [...objectUrls]) {
    await attempt('objectURL', () => env.revokeObjectURL?.(url));
    objectUrls.delete(url);
    report.objectUrls++;
  }

  await attempt('cookies', () => {
    const doc = env.document;
    if (!doc || !doc.cookie) return;
    for (const part of doc.cookie.split(';')) {
      const name = part.split('=')[0]?.trim();
      if (!name) continue;
      doc.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
      report.cookies++;
    }
  });

  return report;
}
