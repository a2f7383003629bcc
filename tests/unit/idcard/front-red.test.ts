/**
 * The card's red ink alone (drivers/idcard/front-red.ts): red print dark on white, black print and the
 * paper white whatever the light; and a red ID printed over black text, read from the red page.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { preparePage, readPage, type RgbImage } from '../../../drivers/idcard/front-labels.ts';
import { redInk } from '../../../drivers/idcard/front-red.ts';
import { useCardReaders } from '../../support/card-readers.ts';

function image(width: number, height: number, px: (x: number, y: number) => [number, number, number]): RgbImage {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set(px(x, y), (y * width + x) * 3);
  return { data, width, height, channels: 3 };
}

describe('redInk', () => {
  it('makes red print black and black print, a warm-lit paper and a lamp’s hotspot white', () => {
    // Left half warm paper (240, 225, 190) with red strokes (200, 40, 40) and black strokes (30, 30, 30);
    // right half a hotspot: paper (255, 252, 245), the red washed to (255, 160, 150).
    const img = image(200, 40, (x, y) => {
      const hot = x >= 100;
      const stroke = y >= 10 && y < 30 ? x % 20 : -1;
      if (stroke >= 0 && stroke < 3) return hot ? [255, 160, 150] : [200, 40, 40];
      if (stroke >= 10 && stroke < 13) return [30, 30, 30];
      return hot ? [255, 252, 245] : [240, 225, 190];
    });
    const out = redInk(img).data;
    const at = (x: number, y: number) => out[(y * 200 + x) * 3]!;
    expect(at(1, 20)).toBeLessThan(20); // red stroke
    expect(at(121, 20)).toBeLessThan(130); // red washed out by the hotspot: still clearly ink
    expect(at(11, 20)).toBeGreaterThan(240); // black stroke
    expect(at(111, 20)).toBeGreaterThan(240);
    expect(at(6, 5)).toBeGreaterThan(200); // warm paper
    expect(at(150, 5)).toBeGreaterThan(240); // hotspot paper
  });

  it('leaves an image without red ink white (nothing to read)', () => {
    const out = redInk(image(50, 50, (x) => (x % 7 < 2 ? [20, 20, 20] : [235, 230, 220]))).data;
    expect(Math.min(...out)).toBe(255);
  });
});

const rig = useCardReaders();

describe('a red ID printed over black text', () => {
  it('is read from the red page', async () => {
    // A 2021-style front's top: the ID printed in red over the title's English line in black.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="300">
      <rect width="1000" height="300" fill="#e8efe9"/>
      <text x="180" y="110" font-family="DejaVu Sans" font-style="italic" font-size="30" fill="#222">Citizen Identity Card number</text>
      <text x="200" y="120" font-family="DejaVu Sans" font-weight="bold" font-size="44" fill="#d22b2b" letter-spacing="2">049302314886</text>
      <text x="60" y="220" font-family="DejaVu Sans" font-size="28" fill="#222">Họ và tên / Full name: DOÃN THÙY NỤ</text>
    </svg>`;
    const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const img: RgbImage = { data, width: info.width, height: info.height, channels: 3 };
    const page = await preparePage(redInk(img), false, 1400, false);
    const text = (await readPage(rig.readers.vie, page)).map((l) => l.text).join(' ');
    expect(text.replace(/\D/g, '')).toContain('049302314886');
    // The grey page (luminance) mixes the two inks and does not give the number.
    const grey = await preparePage(img, false, 1400, false);
    const greyText = (await readPage(rig.readers.vie, grey)).map((l) => l.text).join(' ');
    expect(greyText.replace(/\D/g, '')).not.toContain('049302314886');
  }, 60_000);
});
