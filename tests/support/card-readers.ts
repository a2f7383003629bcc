/**
 * The ID-card readers of a test file (or of one describe block): one Vietnamese and one English tesseract
 * worker, warm, started before its tests and closed after them; with `tmpPrefix`, a temporary folder for
 * generated cards, removed after them too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { closeReaders, createReaders, type CardReaders } from '../../drivers/idcard/read-card.ts';

export interface CardReaderRig {
  /** Set before the first test runs. */
  readonly readers: CardReaders;
  /** The temporary folder ('' without a prefix). */
  readonly dir: string;
}

export function useCardReaders(tmpPrefix?: string): CardReaderRig {
  let readers: CardReaders | undefined;
  const dir = tmpPrefix ? mkdtempSync(path.join(tmpdir(), tmpPrefix)) : '';
  beforeAll(async () => {
    readers = await createReaders({ vieWorkers: 1, engWorkers: 1, warm: true });
  }, 60_000);
  afterAll(async () => {
    if (readers) await closeReaders(readers);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get readers(): CardReaders {
      if (!readers) throw new Error('card readers not started yet (use them inside a test)');
      return readers;
    },
    dir,
  };
}
