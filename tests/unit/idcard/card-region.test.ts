/**
 * The card's region in a camera frame (common/idcard/card-region.ts), the rule the kiosk's renderer and the
 * benchmark's camera frame both use to send the card at the camera's resolution instead of the whole
 * picture shrunk to one carrier frame.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cardCrop, findCardBox, REGION_MARGIN, type RgbaPixels } from '../../../common/idcard/card-region.ts';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { cameraFrameOf } from '../../support/camera-frame.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { drawSample4, planSet4 } from '../../idcard-data4/generate.ts';

/** A w×h RGBA picture of a table colour with rectangles of other colours (optionally with dark "text" lines). */
function picture(w: number, h: number, table: number[], rects: { x: number; y: number; w: number; h: number; rgb: number[]; text?: boolean }[]): RgbaPixels {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let c = table;
      for (const r of rects) {
        if (x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h) {
          c = r.rgb;
          if (r.text && (y - r.y) % 8 < 2 && x > r.x + 4 && x < r.x + r.w - 4) c = [20, 20, 20];
        }
      }
      data.set([c[0]!, c[1]!, c[2]!, 255], (y * w + x) * 4);
    }
  return { data, width: w, height: h };
}

const WOOD = [120, 70, 40];
const CARD = [235, 232, 220];

describe('findCardBox', () => {
  it('finds a light card on a dark table, text and all, as fractions of the picture', () => {
    const b = findCardBox(picture(192, 144, WOOD, [{ x: 60, y: 40, w: 80, h: 50, rgb: CARD, text: true }]));
    expect(b).not.toBeNull();
    expect(b!.x0).toBeCloseTo(60 / 192, 1);
    expect(b!.x1).toBeCloseTo(140 / 192, 1);
    expect(b!.y0).toBeCloseTo(40 / 144, 1);
    expect(b!.y1).toBeCloseTo(90 / 144, 1);
  });

  it('a plain table or a speck on it is not a card', () => {
    expect(findCardBox(picture(192, 144, WOOD, []))).toBeNull();
    expect(findCardBox(picture(192, 144, WOOD, [{ x: 90, y: 70, w: 10, h: 8, rgb: CARD }]))).toBeNull();
  });

  it('a photocopied card (print only, no edge) on a white page: the box of all its print, specks left out', () => {
    const INK = [40, 40, 40];
    const page = picture(192, 144, [250, 250, 250], [
      { x: 50, y: 40, w: 18, h: 24, rgb: INK }, // photo
      { x: 75, y: 42, w: 50, h: 4, rgb: INK }, // text lines, far apart
      { x: 75, y: 60, w: 40, h: 4, rgb: INK },
      { x: 75, y: 80, w: 60, h: 4, rgb: INK },
      { x: 128, y: 40, w: 14, h: 14, rgb: INK }, // QR
      { x: 5, y: 130, w: 1, h: 1, rgb: INK }, // a speck of toner
    ]);
    const b = findCardBox(page)!;
    expect(b).not.toBeNull();
    expect(b.x0 * 192).toBeLessThanOrEqual(50);
    expect(b.x1 * 192).toBeGreaterThanOrEqual(142);
    expect(b.y0 * 144).toBeLessThanOrEqual(40);
    expect(b.y1 * 144).toBeGreaterThanOrEqual(84);
    expect(b.x0 * 192).toBeGreaterThan(30); // the speck is not in it
    expect(b.y1 * 144).toBeLessThan(110);
  });

  it('the same scattered print on a patterned table: no region (only a plain table is safe to box all of)', () => {
    const rects = [50, 75, 100, 125].map((x) => ({ x, y: 40, w: 14, h: 40, rgb: [40, 40, 40] }));
    const checks = Array.from({ length: 24 }, (_, i) => ({ x: (i % 6) * 32, y: Math.floor(i / 6) * 36, w: 16, h: 18, rgb: [200, 30, 30] }));
    expect(findCardBox(picture(192, 144, [250, 250, 250], [...checks, ...rects]))).toBeNull();
  });

  it('a card as light as the table, half out of the picture: its text block alone is not taken for the card (its QR would be cut)', () => {
    // session 9 (idcam2), generator 6's "out of frame" scene (development seed 21): the card's body does not differ from
    // the table, so the only large region is its block of print, card-shaped once dilated; the crop of it cut off the
    // QR, title and emblem above it, and the camera scan found no QR.
    const TABLE = [226, 226, 226];
    const BODY = [234, 234, 234];
    const INK = [30, 30, 30];
    const rects = [
      { x: 0, y: 0, w: 192, h: 110, rgb: BODY }, // the card, its top edge out of the picture
      { x: 150, y: 4, w: 22, h: 22, rgb: INK }, // the QR
      { x: 70, y: 10, w: 60, h: 3, rgb: INK }, // the title
      ...Array.from({ length: 10 }, (_, i) => ({ x: 80, y: 40 + i * 6, w: 90, h: 2, rgb: INK })), // the fields' text, dense
    ];
    const pic = picture(192, 144, TABLE, rects);
    const b = findCardBox(pic);
    // either nothing (the whole frame is sent) or a box that keeps the QR
    if (b) {
      expect(b.y0 * 144).toBeLessThanOrEqual(4);
      expect(b.x1 * 192).toBeGreaterThanOrEqual(172);
    }
  });

  it('two cards in view: no region, so the whole frame is sent and the reader still sees both', () => {
    const two = picture(192, 144, WOOD, [
      { x: 10, y: 40, w: 80, h: 50, rgb: CARD },
      { x: 100, y: 40, w: 80, h: 50, rgb: CARD },
    ]);
    expect(findCardBox(two)).toBeNull();
  });

  it('a dark bank card beside a pale ID card as light as the table: the crop is not cut to the bank card (session 12)', () => {
    const TABLE = [200, 207, 215];
    const PALE = [206, 212, 219]; // the ID card's body: within the table's noise, no region of its own
    const bank = { x: 110, y: 46, w: 70, h: 44, rgb: [20, 90, 60] };
    // the ID card's print only: its red emblem, its photo, two lines of text
    const idPrint = [
      { x: 12, y: 40, w: 84, h: 54, rgb: PALE },
      { x: 16, y: 44, w: 11, h: 11, rgb: [200, 30, 30] },
      { x: 16, y: 60, w: 15, h: 20, rgb: [150, 150, 200] },
      { x: 40, y: 52, w: 44, h: 3, rgb: [30, 30, 30] },
      { x: 40, y: 66, w: 36, h: 3, rgb: [30, 30, 30] },
    ];
    // on this plain table: the box of everything on it, both cards (on a patterned one: none, the whole frame)
    const b = findCardBox(picture(192, 144, TABLE, [...idPrint, bank]));
    expect(b).not.toBeNull();
    expect(b!.x0).toBeLessThanOrEqual(16 / 192);
    expect(b!.x1).toBeGreaterThanOrEqual(180 / 192);
    // the bank card alone on that table is still cut out (the rule costs a lone card nothing)
    const alone = findCardBox(picture(192, 144, TABLE, [bank]));
    expect(alone).not.toBeNull();
    expect(alone!.x0).toBeCloseTo(110 / 192, 1);
    expect(alone!.x1).toBeCloseTo(180 / 192, 1);
  });

  it('refuses malformed input rather than reading past it', () => {
    expect(findCardBox({ data: new Uint8Array(10), width: 192, height: 144 })).toBeNull();
    expect(findCardBox({ data: new Uint8Array(0), width: 0, height: 0 })).toBeNull();
  });
});

describe('cardCrop', () => {
  it('adds the margin inside the picture and skips a crop that gains nothing', () => {
    const r = cardCrop({ x0: 0.3, y0: 0.3, x1: 0.7, y1: 0.6 }, 1920, 1080);
    const m = 0.4 * 1920 * REGION_MARGIN;
    expect(r).toEqual({ x: Math.floor(0.3 * 1920 - m), y: Math.floor(0.3 * 1080 - m), w: expect.any(Number), h: expect.any(Number) });
    expect(r!.x + r!.w).toBe(Math.ceil(0.7 * 1920 + m));
    // a card that already fills the picture: nothing to gain
    expect(cardCrop({ x0: 0.05, y0: 0.05, x1: 0.95, y1: 0.95 }, 1920, 1080)).toBeNull();
    expect(cardCrop(null, 1920, 1080)).toBeNull();
    // at the edge: clamped
    const e = cardCrop({ x0: 0, y0: 0, x1: 0.4, y1: 0.4 }, 1000, 1000)!;
    expect([e.x, e.y]).toEqual([0, 0]);
  });
});

describe('the camera frame of a small card on a table', () => {
  it('sends the card region at the camera resolution: the card is ~2× wider in the same-sized frame', async () => {
    // a 1920×1440 photo, the card 700 px wide in its middle, fine print on it
    const lines = Array.from({ length: 9 }, (_, i) => `<rect x="40" y="${60 + i * 40}" width="600" height="6" fill="#222"/>`).join('');
    const card = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="700" height="441"><rect width="700" height="441" rx="24" fill="#ebe8dc"/>${lines}</svg>`)).png().toBuffer();
    const photo = await sharp({ create: { width: 1920, height: 1440, channels: 3, background: { r: 120, g: 70, b: 40 } } })
      .composite([{ input: card, left: 610, top: 500 }])
      .jpeg({ quality: 90 })
      .toBuffer();
    const whole = await cameraFrameOf(photo, { crop: false });
    const cropped = await cameraFrameOf(photo);
    expect(whole?.cropped).toBe(false);
    expect(cropped?.cropped).toBe(true);
    // the whole photo shrinks the card to 700 × 960/1920 = 350 px; the crop (card + 2 × 10 % margin = 840 px) keeps it at 700
    const cardWidth = async (jpeg: Buffer) => {
      const { data, info } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
      let widest = 0; // the widest light run on any row
      for (let y = 0; y < info.height; y++) {
        let n = 0;
        for (let x = 0; x < info.width; x++) if (data[y * info.width + x]! > 180) n++;
        widest = Math.max(widest, n);
      }
      return widest;
    };
    expect(await cardWidth(whole!.jpeg)).toBeLessThan(380);
    expect(await cardWidth(cropped!.jpeg)).toBeGreaterThan(650);
  });
});

describe('the card region through the reader (generator 4, development seed 78 — not the held-out seed 4404)', () => {
  const rig = useCardReaders();
  it('a 2021 front in a plastic sleeve, 1500 px photo: its camera frame is the card, and the scan reads its QR', async () => {
    const p = planSet4(78, 24).find((x) => x.sample.file === 'g4-003-front-2021-sleeve.jpg');
    expect(p).toBeDefined();
    const frame = await cameraFrameOf(await drawSample4(78, p!));
    expect(frame?.cropped).toBe(true);
    // (the whole picture's frame, 640 px wide with the card in its middle, decoded no QR and read no MRZ: refused)
    const r = await readCardImage(frame!.jpeg, rig.readers, { sources: ['qr', 'mrz'], stopAtQr: true, timeoutMs: 5000 });
    const [d, m, y] = p!.sample.truth.dateOfBirth!.split('/');
    expect(r.fields.idNumber).toBe(p!.sample.truth.idNumber);
    expect(r.fields.dateOfBirth).toBe(`${y}-${m}-${d}`);
    expect(r.sources.idNumber).toBe('qr');
  }, 60_000);
});
