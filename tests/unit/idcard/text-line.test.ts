/** The name line isolated for OCR (drivers/idcard/text-line.ts), on drawn grey images. */
import { describe, expect, it } from 'vitest';
import { isolateTextLine, type GreyImage } from '../../../drivers/idcard/text-line.ts';

function canvas(w: number, h: number, bg = 230): GreyImage & { rect: (x: number, y: number, rw: number, rh: number, v?: number) => void } {
  const data = new Uint8Array(w * h).fill(bg);
  return {
    data,
    width: w,
    height: h,
    rect(x, y, rw, rh, v = 20) {
      for (let yy = y; yy < y + rh; yy++) for (let xx = x; xx < x + rw; xx++) data[yy * w + xx] = v;
    },
  };
}

const inkCols = (img: GreyImage) => {
  const cols: boolean[] = [];
  for (let x = 0; x < img.width; x++) {
    let ink = false;
    for (let y = 0; y < img.height; y++) if (img.data[y * img.width + x]! < 128) ink = true;
    cols.push(ink);
  }
  return cols;
};
const gaps = (cols: boolean[]) => {
  const out: number[] = [];
  let run = 0;
  let seen = false;
  for (const c of cols) {
    if (c) {
      if (seen && run) out.push(run);
      seen = true;
      run = 0;
    } else run++;
  }
  return out;
};

describe('isolateTextLine', () => {
  // a 400×80 crop: the label's tail touching the top edge, two "words" of 30-px letters (3 px apart)
  // with a mark above one letter, words 6 px apart, and the next line's top touching the bottom edge
  const img = canvas(400, 80);
  img.rect(10, 0, 60, 4); // label descenders
  const letters = [20, 40, 60, 86, 106]; // word 1: 3 letters, word 2: 2 letters (gap 6 px)
  for (const x of letters) img.rect(x, 30, 17, 30);
  img.rect(44, 22, 8, 4); // a tone mark above the second letter
  img.rect(200, 76, 80, 4); // next line

  it('keeps the letters and their mark, drops what touches the edges, crops onto white', () => {
    const line = isolateTextLine(img, { mode: 'binary' })!;
    expect(line).toBeDefined();
    expect(line.letterHeight).toBe(30);
    // letters (30) + mark (4 + 4 gap) = 38 rows of content, plus margins
    const margin = Math.round(0.6 * 30);
    expect(line.height).toBe(38 + 2 * margin);
    // nothing in the margins: the label and the next line are gone
    for (let x = 0; x < line.width; x++) {
      for (let y = 0; y < margin; y++) expect(line.data[y * line.width + x]).toBe(255);
      for (let y = line.height - margin; y < line.height; y++) expect(line.data[y * line.width + x]).toBe(255);
    }
    // the mark is kept: ink above the letters' top row
    let markInk = 0;
    for (let y = margin; y < margin + 4; y++) for (let x = 0; x < line.width; x++) if (line.data[y * line.width + x]! < 128) markInk++;
    expect(markInk).toBe(8 * 4);
  });

  it('widens a narrow word gap and leaves the letter gaps', () => {
    const line = isolateTextLine(img, { mode: 'binary' })!;
    expect(line.words).toBe(2);
    expect(gaps(inkCols(line))).toEqual([3, 3, Math.round(0.7 * 30), 3]);
  });

  it('grey mode keeps the grey levels of the letters and their edge; the rest of the background goes white', () => {
    const line = isolateTextLine(img, { mode: 'grey' })!;
    expect(Math.min(...line.data)).toBe(20);
    expect(new Set(line.data)).toEqual(new Set([20, 230, 255]));
    // the edge: one pixel around the letters, not the whole box
    const bg = line.data.filter((v) => v === 230).length;
    expect(bg).toBeGreaterThan(0);
    expect(bg).toBeLessThan(line.data.filter((v) => v === 20).length);
  });

  it('gives nothing for a blank crop', () => {
    expect(isolateTextLine(canvas(300, 60))).toBeUndefined();
  });

  it('keeps a letter whose tone mark touches the label above (a tight crop), clipped to the mark zone (session 8)', () => {
    // "LỀU": the stacked mark of the middle letter joins the label's descenders at the top edge
    const c = canvas(300, 80);
    c.rect(10, 0, 200, 5); // the label's descenders, touching the top edge
    for (const x of [20, 40, 60]) c.rect(x, 30, 17, 30);
    c.rect(46, 4, 5, 27); // the mark, from the label down onto the second letter
    const line = isolateTextLine(c, { mode: 'binary' })!;
    // three letters, not two: the joined one is kept
    expect(gaps(inkCols(line))).toEqual([3, 3]);
    // clipped: at most half a letter height of mark above the letters, the label's row is gone
    const margin = Math.round(0.6 * 30);
    expect(line.height).toBe(30 + 15 + 2 * margin);
    let ink = 0;
    for (let x = 0; x < line.width; x++) if (line.data[margin * line.width + x]! < 128) ink++;
    expect(ink).toBe(5);
  });
  it('but not a blob wider than a letter from the edge into the body (the photo\'s head in the crop\'s corner)', () => {
    const c = canvas(300, 80);
    c.rect(0, 0, 60, 55); // the head: from the top edge down through the letters' rows
    for (const x of [100, 120, 140]) c.rect(x, 30, 17, 30);
    const line = isolateTextLine(c, { mode: 'binary' })!;
    expect(gaps(inkCols(line))).toEqual([3, 3]);
    expect(line.width).toBe(2 * Math.round(0.6 * 30) + 57);
  });
});
