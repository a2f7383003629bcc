/**
 * A picture mirrored left ↔ right (a selfie camera's, a kiosk's front camera: generator 10's "selfie-mirrored" scene):
 * the MRZ and the front's text are mirror-written. The pictures here are the second generator's cards on a desk (seeds
 * of this file), flopped by sharp after rendering, so only the mirror differs from a card the reader reads. Before
 * session 13 neither was read: the MRZ's readings failed (its turned cut shows the lines upside down, in reverse
 * order), the front's page showed no label either way up.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { readsTurnedOver } from '../../../drivers/idcard/mrz-image.ts';
import { extractMrz, type MrzCandidate } from '../../../drivers/idcard/mrz-locate.ts';
import { shot2 } from '../../idcard-data2/generate.ts';
import { holder, seeded } from '../../idcard-data2/people.ts';
import { useCardReaders } from '../../support/card-readers.ts';

const rig = useCardReaders();

const h2021 = holder(seeded(1301), 2021);
const h2024 = holder(seeded(1302), 2024);

/** A rendered photo mirrored left ↔ right, lossless. */
async function mirrored(img: Buffer): Promise<Buffer> {
  return sharp(img).flop().png().toBuffer();
}

describe('a mirrored picture', () => {
  it('an MRZ reading turned over (its document code on the last line) is told from an upright one', () => {
    const l1 = 'IDVNM0861234567086123456789<<4';
    const l2 = '8612315M2612315VNM<<<<<<<<<<<6';
    const l3 = 'NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<';
    // an upright reading, and one that failed its check digits, are not turned over
    expect(readsTurnedOver([l1, l2, l3].join('\n'))).toBe(false);
    expect(readsTurnedOver(['IDVNM08612345670861234S6789<<4', l2, l3].join('\n'))).toBe(false);
    // a mirrored picture's turned cut: the name line on top, the document code at the bottom ("D" may read "O" or "0")
    expect(readsTurnedOver(['UCNAEU<<IHNA<VU<<<<KKL<LKLLKLKLLLL', '88020TOES8O2OFAAMN<<<<<<<<<<<', 'IDAMNT8832T321000T718832T321<<0'].join('\n'))).toBe(true);
    expect(readsTurnedOver([l3, l2, 'I0AMNT8832T321000T718832T321<<0'].join('\n'))).toBe(true);
    // one line, or short scraps, say nothing
    expect(readsTurnedOver(l1)).toBe(false);
    expect(readsTurnedOver('ID<<\nID')).toBe(false);
  });

  it('extractMrz turnOver turns the cut over top ↔ bottom, left to right kept', () => {
    // a 40×30 image: dark top-left quarter
    const w = 40;
    const h = 30;
    const data = new Uint8Array(w * h).fill(255);
    for (let y = 0; y < 15; y++) for (let x = 0; x < 20; x++) data[y * w + x] = 0;
    const c: MrzCandidate = { cx: 20, cy: 15, angle: 0, length: 36, span: 20, thickness: 4, score: 1 };
    const opts = { lineHeight: 10, margin: 0 };
    const plain = extractMrz({ data, width: w, height: h }, c, opts);
    const over = extractMrz({ data, width: w, height: h }, c, { ...opts, turnOver: true });
    const at = (g: typeof plain, fx: number, fy: number) => g.data[Math.floor(fy * g.height) * g.width + Math.floor(fx * g.width)]!;
    expect(at(plain, 0.25, 0.25)).toBeLessThan(60);
    expect(at(plain, 0.25, 0.75)).toBeGreaterThan(200);
    expect(at(over, 0.25, 0.75)).toBeLessThan(60);
    expect(at(over, 0.25, 0.25)).toBeGreaterThan(200);
    expect(at(over, 0.75, 0.75)).toBeGreaterThan(200);
  });

  it('a 2021 back mirrored: its MRZ is read, proven by its check digits', async () => {
    const img = await mirrored(await shot2(h2021, 'back2021', 'darkdesk', 'none', 1311));
    const r = await readCardImage(img, rig.readers, { sources: ['mrz'] });
    expect(r.error).toBeUndefined();
    expect(r.fields.idNumber).toBe(h2021.idNumber);
    expect(r.fields.dateOfBirth).toBe(h2021.dateOfBirth);
    expect(r.sources.idNumber).toBe('mrz');
  }, 60_000);

  it('a 2024 front mirrored: read by its labels, flopped back', async () => {
    const img = await mirrored(await shot2(h2024, 'front2024', 'darkdesk', 'none', 1312));
    const r = await readCardImage(img, rig.readers, { sources: ['ocr'] });
    expect(r.error).toBeUndefined();
    expect(r.fields.idNumber).toBe(h2024.idNumber);
    expect(r.fields.dateOfBirth).toBe(h2024.dateOfBirth);
  }, 60_000);
});
