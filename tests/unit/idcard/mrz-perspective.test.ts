/**
 * The MRZ of a back at a steep angle (drivers/idcard/mrz-perspective.ts, session 9 idcam2): a development back of
 * generator 6 (seed 21 — not its report seed 6606), photographed at a steep angle on a wooden table; its three MRZ
 * lines converge (0.006 / 0.036 / 0.067 rad) and the MRZ alone was refused ("không tìm thấy thẻ"). Generator 6 is
 * used through its generating function only (a black box), five cards of seed 21 into a temporary folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadFrame } from '../../../drivers/idcard/image.ts';
import { perspectiveCandidates } from '../../../drivers/idcard/mrz-perspective.ts';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { generateSet6 } from '../../idcard-data6/generate.ts';

async function greyOf(input: Buffer | string) {
  const fr = await loadFrame(input);
  const { data, info } = await sharp(fr.data, { raw: { width: fr.width, height: fr.height, channels: 4 } }).removeAlpha().greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

describe('an MRZ seen at a steep angle', () => {
  it('three parallel lines (a back seen straight on) are no perspective candidate: such a back pays nothing more', async () => {
    const lines = [0, 1, 2].map((i) => `<text x="40" y="${120 + i * 50}" font-family="DejaVu Sans Mono" font-size="34">IDVNM0900123450079090012345&lt;&lt;0</text>`).join('');
    const png = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="320"><rect width="800" height="320" fill="#fff"/>${lines}</svg>`)).png().toBuffer();
    expect(perspectiveCandidates(await greyOf(png))).toEqual([]);
  });

  const rig = useCardReaders('idcam2-persp-');
  it('the steep development back of generator 6 is read whole, every check digit passing', async () => {
    const set = await generateSet6({ outDir: rig.dir, cards: 5, seed: 21 });
    const s = set.find((x) => x.file === 'g6-004-back-steep.jpg');
    expect(s).toBeDefined();
    const file = path.join(rig.dir, s!.file);
    expect(perspectiveCandidates(await greyOf(file))).toHaveLength(1);
    const r = await readCardImage(readFileSync(file), rig.readers, { sources: ['mrz'] });
    expect(r.ok).toBe(true);
    expect(r.fields.idNumber).toBe(s!.truth.idNumber);
    expect(r.fields.dateOfBirth).toBe(s!.truth.dateOfBirth);
    expect(r.fields.fullNameAscii).toBe(s!.truth.fullNameAscii);
    expect(r.confidence.idNumber).toBeGreaterThan(0.9); // whole: composite verified
  }, 120_000);
});
