/**
 * The name where the page layout gave no line for it (session 8, idname): the block below the ID's
 * line read as sparse text (drivers/idcard/name-block.ts), and — through the whole reader — two
 * development cards of generator 5 (seed 24, not the held-out seed) whose name was lost before: a faint
 * speckled photocopy whose page reading skipped the name's block, and a 300 dpi flatbed scan whose two
 * labels ("Số / No.", "Họ và tên / Full name") were both garbled.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockBelowId, idLineOf, nameLineOfBlock, rowsOf } from '../../../drivers/idcard/name-block.ts';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { generateSet5, type PlannedImage } from '../../idcard-data5/generate.ts';
import { useCardReaders } from '../../support/card-readers.ts';

describe('the block below the ID line', () => {
  it('finds the ID\'s line by its 12 digits and places the block under it', () => {
    const id = idLineOf([
      { text: 'CĂN CƯỚC CÔNG DÂN', bbox: { x0: 400, y0: 344, x1: 700, y1: 371 }, words: [] },
      { text: 'sẻ»: 024087265764', bbox: { x0: 469, y0: 398, x1: 700, y1: 417 }, words: [] },
    ]);
    expect(id?.text).toBe('sẻ»: 024087265764');
    const b = blockBelowId(id!.bbox);
    expect(b.y0).toBe(417);
    expect(b.y1).toBe(417 + 19 * 6);
    expect(b.x0).toBeGreaterThan(450);
    expect(b.x1 - b.x0).toBeGreaterThan(19 * 15);
  });
  it('takes only a name in capitals from its lines: not a label, a date line, mixed case or one word', () => {
    expect(nameLineOfBlock('PHẠM MINH NGHĨA\n')).toBe('PHẠM MINH NGHĨA');
    expect(nameLineOfBlock('“ PHẠM MINH NGHĨA .')).toBe('PHẠM MINH NGHĨA');
    for (const t of ['Họ và tên', 'Fuñi name:', 'Ngày sinh 24/10/1987', 'Giới tính Nem Quốc tịch Việt Nam', 'NGHĨA', 'PHẠM MINH XQZT', 'CÔNG DÂN 1987']) expect(nameLineOfBlock(t)).toBeUndefined();
  });
});

describe('sparse text joined back into rows', () => {
  it('joins the pieces of one line left to right, keeps other lines apart (gen 5 dev seed 22: "NGỤY MINH" | "LÂM")', () => {
    const b = (x0: number, y0: number, x1: number, y1: number) => ({ x0, y0, x1, y1 });
    const rows = rowsOf([
      { text: 'LÂM', confidence: 90, bbox: b(400, 102, 460, 130) },
      { text: 'Họ và tên', confidence: 80, bbox: b(100, 60, 200, 80) },
      { text: 'NGỤY MINH', confidence: 92, bbox: b(100, 100, 330, 131) },
      { text: 'Ngày sinh 19/05/1980', confidence: 85, bbox: b(100, 150, 400, 170) },
    ]);
    expect(rows.map((r) => r.text)).toEqual(['Họ và tên', 'NGỤY MINH LÂM', 'Ngày sinh 19/05/1980']);
    expect(rows[1]!.confidence).toBe(90);
  });
});

describe('two development fronts of generator 5 whose name was lost', () => {
  const rig = useCardReaders('idname-block-');
  it('reads the name of a speckled photocopy (no page line for it) and of a flatbed scan with both labels garbled', async () => {
    const files = ['c005-front-2021-photocopy.jpg', 'c008-front-2021-flatbed-300dpi.jpg'];
    const set = await generateSet5({ outDir: rig.dir, cards: 9, seed: 24, only: (p: PlannedImage) => files.includes(p.sample.file) });
    expect(set.map((s) => s.file).sort()).toEqual(files);
    for (const s of set) {
      const r = await readCardImage(path.join(rig.dir, s.file), rig.readers, { sources: ['ocr'] });
      expect(r.fields.fullName, s.file).toBe(s.truth.fullName);
    }
  }, 120_000);
});
