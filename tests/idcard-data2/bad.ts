/**
 * Bad input for the card reader, generated: not a card (a printed form page), two cards in one photo,
 * a card upside down, a photo of a screen showing a card, a 40-megapixel photo, a truncated file.
 * Fake data only; used by the unit tests and the benchmark.
 */
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { drawFace, type Face2 } from './cards.ts';
import { holder, seeded, type CardHolder } from './people.ts';
import { shoot } from './scene.ts';

export type BadKind = 'not_a_card' | 'two_cards' | 'upside_down' | 'screen' | 'megapixels_40' | 'truncated';
export const BAD_KINDS: readonly BadKind[] = ['not_a_card', 'two_cards', 'upside_down', 'screen', 'megapixels_40', 'truncated'];

export interface BadSample {
  kind: BadKind;
  data: Buffer;
  /** The card shown, when there is one (upside down, screen, 40 MP). */
  holder?: CardHolder;
  face?: Face2;
}

/** A printed A5 form page with lines of text: no card at all. */
async function formPage(seed: number): Promise<Buffer> {
  const r = seeded(seed);
  const c = createCanvas(1240, 900);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#f3f1ea';
  ctx.fillRect(0, 0, 1240, 900);
  ctx.fillStyle = '#222';
  ctx.font = 'bold 34px "Set2 Sans Bold", sans-serif';
  ctx.fillText('TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ', 260, 90);
  ctx.font = '24px "Set2 Sans", sans-serif';
  const words = ['Kính gửi', 'Công an phường', 'Họ, chữ đệm và tên', 'Nơi ở hiện tại', 'Nghề nghiệp', 'Số điện thoại', 'Email', 'Nội dung đề nghị'];
  for (let i = 0; i < 14; i++) ctx.fillText(`${words[i % words.length]}: ${'.'.repeat(20 + Math.floor(r() * 60))}`, 80, 170 + i * 48);
  const jpg = await sharp(c.toBuffer('image/png')).jpeg({ quality: 80 }).toBuffer();
  return jpg;
}

/** Two card faces side by side on a dark desk. */
async function twoCards(seed: number): Promise<Buffer> {
  const r = seeded(seed);
  const a = await drawFace(holder(r, 2024), 'front2024', r);
  const b = await drawFace(holder(r, 2021), 'front2021', r);
  const W = 1600;
  const H = 900;
  const cw = 700;
  const ch = Math.round((cw * 54) / 85.6);
  const [ra, rb] = await Promise.all([a, b].map((p) => sharp(p).resize(cw, ch).png().toBuffer()));
  return sharp({ create: { width: W, height: H, channels: 3, background: { r: 48, g: 40, b: 34 } } })
    .composite([
      { input: ra!, left: 60, top: 200 },
      { input: rb!, left: 840, top: 230 },
    ])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A card shown on a monitor: a bezel, a blue cast, the screen's pixel grid and a moiré band. */
async function screen(h: CardHolder, face: Face2, seed: number): Promise<Buffer> {
  const r = seeded(seed);
  const png = await drawFace(h, face, r);
  const W = 1400;
  const H = 1000;
  const cw = 1100;
  const ch = Math.round((cw * 54) / 85.6);
  const card = await sharp(png).resize(cw, ch).removeAlpha().raw().toBuffer();
  const out = Buffer.alloc(W * H * 3);
  const x0 = 150;
  const y0 = 150;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const q = (y * W + x) * 3;
      const inScreen = x > 90 && x < W - 90 && y > 90 && y < H - 90;
      if (!inScreen) {
        out[q] = out[q + 1] = out[q + 2] = 18; // bezel
        continue;
      }
      let v = [235, 238, 245];
      const cx = x - x0;
      const cy = y - y0;
      if (cx >= 0 && cy >= 0 && cx < cw && cy < ch) v = [card[(cy * cw + cx) * 3]!, card[(cy * cw + cx) * 3 + 1]!, card[(cy * cw + cx) * 3 + 2]!];
      const grid = x % 3 === 0 || y % 3 === 0 ? 0.82 : 1;
      const moire = 0.92 + 0.08 * Math.sin((x * 0.9 + y * 0.35) * 0.21);
      out[q] = Math.min(255, v[0]! * grid * moire * 0.92);
      out[q + 1] = Math.min(255, v[1]! * grid * moire * 0.97);
      out[q + 2] = Math.min(255, v[2]! * grid * moire * 1.05 + 6);
    }
  return sharp(out, { raw: { width: W, height: H, channels: 3 } }).blur(0.7).jpeg({ quality: 80 }).toBuffer();
}

/** A 40-megapixel phone photo (7296 × 5472) of a card on a light desk. */
async function megapixels40(h: CardHolder, face: Face2, seed: number): Promise<Buffer> {
  const r = seeded(seed);
  const png = await drawFace(h, face, r);
  const W = 7296;
  const H = 5472;
  const cw = 4800;
  const ch = Math.round((cw * 54) / 85.6);
  const card = await sharp(png).resize(cw, ch).png().toBuffer();
  return sharp({ create: { width: W, height: H, channels: 3, background: { r: 214, g: 205, b: 190 } } })
    .composite([{ input: card, left: 1200, top: 1400 }])
    .jpeg({ quality: 80 })
    .toBuffer();
}

export async function badSample(kind: BadKind, seed = 4040): Promise<BadSample> {
  const r = seeded(seed);
  switch (kind) {
    case 'not_a_card':
      return { kind, data: await formPage(seed) };
    case 'two_cards':
      return { kind, data: await twoCards(seed) };
    case 'upside_down': {
      const h = holder(r, 2021);
      const png = await drawFace(h, 'back2021', r);
      return { kind, holder: h, face: 'back2021', data: (await shoot(png, r, { scene: 'darkdesk', degradation: 'none', extraRotation: 180 })).data };
    }
    case 'screen': {
      const h = holder(r, 2024);
      return { kind, holder: h, face: 'front2024', data: await screen(h, 'front2024', seed) };
    }
    case 'megapixels_40': {
      const h = holder(r, 2021);
      return { kind, holder: h, face: 'back2021', data: await megapixels40(h, 'back2021', seed) };
    }
    case 'truncated': {
      const h = holder(r, 2024);
      const png = await drawFace(h, 'front2024', r);
      const full = (await shoot(png, r, { scene: 'lightdesk', degradation: 'none' })).data;
      return { kind, holder: h, face: 'front2024', data: full.subarray(0, Math.floor(full.length * 0.55)) };
    }
  }
}
