/**
 * The name's marks through the real name reading (session 11, idtone): a name line drawn on a page, read
 * by front-name.ts `readNameLine` with the Vietnamese model — every rendering's reading carries the marks
 * seen in the very line image it was read from, aligned to its words by tesseract's hOCR boxes. Checks the
 * wiring end to end (the crop, the isolated line kept with its PNG, the hOCR word boxes in that line's
 * pixels), which the drawn-syllable tests of name-marks.test.ts do not reach.
 */
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { ValueSpot } from '../../../common/idcard/labels.ts';
import { fold } from '../../../common/text/fold.ts';
import { cropPage } from '../../../drivers/idcard/front-labels.ts';
import { nameCandidate, readNameLine } from '../../../drivers/idcard/front-name.ts';
import { useCardReaders } from '../../support/card-readers.ts';

GlobalFonts.registerFromPath('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', 'MarksOcrDejaVu');

/** A white page 900×200 with `name` in bold capitals, and the box around it. */
function page(name: string) {
  const c = createCanvas(900, 200);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 900, 200);
  ctx.fillStyle = '#111';
  ctx.font = '34px MarksOcrDejaVu';
  ctx.fillText(name, 60, 110);
  const w = ctx.measureText(name).width;
  const rgba = ctx.getImageData(0, 0, 900, 200).data;
  const grey = Buffer.alloc(900 * 200);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;
  const p = { grey, width: 900, height: 200 } as unknown as Parameters<typeof cropPage>[0];
  const spot: ValueSpot = { field: 'fullName', bbox: { x0: 56, y0: 66, x1: Math.ceil(60 + w + 4), y1: 122 }, text: name, where: 'below', labelHeight: 24, confidence: 90 };
  return { p, spot };
}

describe('marks seen on the real name readings', () => {
  const rig = useCardReaders();
  it('the model drops the dot below Ỵ on every rendering ("MY"); the pixels of each show it, and the name is mended', async () => {
    const { p, spot } = page('NGUYỄN THỊ MỴ');
    const reads = await readNameLine(p, spot, rig.readers.vie, cropPage);
    const withMarks = reads.filter((r) => r.marks && r.marks.length > 0);
    expect(withMarks.length).toBeGreaterThanOrEqual(2);
    const words = (f: string) => withMarks.flatMap((r) => r.marks!.filter((m) => fold(m.word) === f));
    // (on this drawing, at this size, the Vietnamese model read "MY" — or "MỴ": then there is nothing to mend,
    // and the marks must agree with it all the same)
    expect(words('my').length).toBeGreaterThanOrEqual(2);
    for (const m of words('my')) expect(m.dotBelow).toBe(true);
    for (const m of words('thi')) expect(m.dotBelow).toBe(true);
    // the two marks over Ễ told apart by at least one rendering, never more than two
    expect(Math.max(...words('nguyen').map((m) => m.above))).toBe(2);
    expect(nameCandidate(reads)?.value).toBe('Nguyễn Thị Mỵ');
    // without what the pixels show, the model's spelling stands
    const modelSaid = nameCandidate(reads.map(({ marks: _marks, ...r }) => r))?.value;
    if (!reads.some((r) => /MỴ/u.test(r.text))) expect(modelSaid).toBe('Nguyễn Thị My');
  }, 60_000);
});
