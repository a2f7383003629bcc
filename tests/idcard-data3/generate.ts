/**
 * The third ID-card set — a small HELD-OUT set (issue 15, session 5). Written from scratch after the
 * reader's fixes of that session, by the engineer who made them, and run only to report: its own
 * holders and random numbers, its own layouts drawn as SVG and rasterised by librsvg (the first two
 * generators draw on a canvas), fonts neither of them uses (Noto Serif Display, DejaVu Serif Condensed,
 * DejaVu Sans ExtraLight), a wave-line background, and its own five scenes: a phone photo on a grey
 * cloth, a half shadow, a faded print, a sheared card (slight perspective), a tight crop compressed hard.
 *   node --import tsx tests/idcard-data3/generate.ts [--out DIR] [--cards N] [--seed S]
 * Faces: the front of both generations (read by OCR alone: no QR is drawn) and the 2021 back (MRZ).
 * Default output: tests/artifacts/idcard3/ (gitignored). Never commit generated images.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type OverlayOptions } from 'sharp';

export type Face3 = 'front2021' | 'front2024' | 'back2021';
export const SCENES3 = ['cloth', 'shadow', 'faded', 'sheared', 'tight'] as const;
export type Scene3 = (typeof SCENES3)[number];

export interface Sample3 {
  file: string;
  face: Face3;
  generation: 2021 | 2024;
  scene: Scene3;
  truth: { idNumber: string; fullName: string; fullNameAscii: string; dateOfBirth: string; sex: 'Nam' | 'Nữ'; nationality: string; dateOfExpiry: string };
  hasQr: boolean;
  hasMrz: boolean;
}

/** mulberry32: small, seeded. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: R, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

// Names as families give them (surnames from rare to common, middle and given names with every tone).
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Vương', 'Khổng', 'Lạc', 'Ứng', 'Tưởng', 'Âu', 'Nghiêm', 'Kiều', 'Thạch', 'Giang', 'Quan', 'Tôn Nữ'];
const MIDDLES = ['Văn', 'Thị', 'Hữu', 'Ngọc', 'Đức', 'Xuân', 'Quỳnh', 'Bảo', 'Thế', 'Diệu', 'Khắc', 'Trọng', 'Mỹ', 'Tường'];
const GIVEN = ['Ánh', 'Chiến', 'Dũng', 'Giàu', 'Hạnh', 'Khải', 'Lộc', 'Mẫn', 'Nhẫn', 'Oánh', 'Phước', 'Quyết', 'Sửu', 'Thoại', 'Uyển', 'Vỹ', 'Xuyến', 'Yên', 'Ngữ', 'Hiển'];
/** Province codes of the 12-digit number (a few of the 63). */
const PROVINCES = ['001', '002', '015', '022', '026', '031', '036', '038', '045', '049', '052', '060', '068', '074', '079', '087', '092', '096'];

function ascii(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toUpperCase();
}

/** ICAO 9303 check digit (weights 7, 3, 1; letters A=10…, '<' = 0). */
function check(s: string): string {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const v = c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * w[i % 3]!;
  }
  return String(sum % 10);
}

export interface Holder {
  id: string;
  name: string;
  dob: { d: number; m: number; y: number };
  sex: 'Nam' | 'Nữ';
  expiry: { d: number; m: number; y: number };
}

function makeHolder(r: R, generation: 2021 | 2024): Holder {
  const sex = r() < 0.5 ? 'Nam' : 'Nữ';
  const y = int(r, 1966, 2008); // every holder has a 25th/40th/60th birthday after issue: a dated expiry
  const dob = { d: int(r, 1, 28), m: int(r, 1, 12), y };
  const words = [pick(r, SURNAMES)];
  const middles = int(r, 0, 2);
  for (let i = 0; i < middles; i++) words.push(pick(r, MIDDLES.filter((m) => (sex === 'Nam' ? m !== 'Thị' : m !== 'Văn'))));
  words.push(pick(r, GIVEN));
  const g = (y >= 2000 ? 2 : 0) + (sex === 'Nữ' ? 1 : 0);
  let serial = '';
  for (let i = 0; i < 6; i++) serial += String(int(r, 0, 9));
  const id = `${pick(r, PROVINCES)}${g}${String(y % 100).padStart(2, '0')}${serial}`;
  // valid until the next of the 25th / 40th / 60th birthday after issue (issued 2021–2025)
  const issued = generation === 2021 ? int(r, 2021, 2023) : int(r, 2024, 2025);
  const milestone = [25, 40, 60].find((a) => y + a > issued) ?? 0;
  const expiry = milestone ? { ...dob, y: y + milestone } : { d: 31, m: 12, y: 2099 };
  return { id, name: words.join(' '), dob, sex, expiry };
}

const dmy = (x: { d: number; m: number; y: number }) => `${String(x.d).padStart(2, '0')}/${String(x.m).padStart(2, '0')}/${x.y}`;
const iso = (x: { d: number; m: number; y: number }) => `${x.y}-${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`;
const yymmdd = (x: { d: number; m: number; y: number }) => `${String(x.y % 100).padStart(2, '0')}${String(x.m).padStart(2, '0')}${String(x.d).padStart(2, '0')}`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** TD1 lines of the holder. */
export function mrzOf(h: Holder): [string, string, string] {
  const doc = h.id.slice(3);
  const l1 = `IDVNM${doc}${check(doc)}${h.id}<<${check(h.id)}`;
  const exp = h.expiry.y === 2099 ? '991231' : yymmdd(h.expiry);
  const l2a = `${yymmdd(h.dob)}${check(yymmdd(h.dob))}${h.sex === 'Nam' ? 'M' : 'F'}${exp}${check(exp)}VNM<<<<<<<<<<<`;
  const l2 = l2a + check(l1.slice(5, 30) + l2a.slice(0, 7) + l2a.slice(8, 15) + l2a.slice(18, 29));
  const parts = ascii(h.name).split(' ');
  const l3 = `${parts[0]}<<${parts.slice(1).join('<')}`.padEnd(30, '<').slice(0, 30);
  return [l1, l2, l3];
}

const W = 1027; // 85.6 mm at 12 px/mm
const H = 648;
const FONTS = [
  { label: 'Noto Serif Display', value: 'Noto Serif Display', labelWeight: 'normal', valueWeight: 'bold' },
  { label: 'DejaVu Serif', value: 'DejaVu Serif', labelWeight: 'normal', valueWeight: 'bold', stretch: 'condensed' },
  { label: 'DejaVu Sans', value: 'DejaVu Sans', labelWeight: '200', valueWeight: 'normal' },
];

function background(r: R, hue: number): string {
  const lines: string[] = [];
  const n = int(r, 18, 26);
  for (let i = 0; i < n; i++) {
    const y0 = (i / n) * H;
    const amp = 6 + r() * 14;
    const per = 90 + r() * 120;
    let d = `M0 ${y0.toFixed(1)}`;
    for (let x = 20; x <= W; x += 20) d += ` L${x} ${(y0 + amp * Math.sin((x / per) * Math.PI * 2 + i)).toFixed(1)}`;
    lines.push(`<path d="${d}" fill="none" stroke="hsl(${hue},45%,72%)" stroke-width="1.2" opacity="0.55"/>`);
  }
  return `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},40%,93%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},45%,86%)"/></linearGradient></defs>
<rect width="${W}" height="${H}" rx="38" fill="url(#g)"/>${lines.join('')}
<circle cx="${int(r, 500, 800)}" cy="${int(r, 250, 450)}" r="${int(r, 120, 200)}" fill="hsl(${hue},50%,80%)" opacity="0.25"/>`;
}

/** The card face as SVG: labels in the label font, values beside or below them, positions jittered. */
function faceSvg(h: Holder, face: Face3, r: R): string {
  const f = pick(r, FONTS);
  const ink = pick(r, ['#1d1d3a', '#222', '#2b2140', '#0d2a4a']);
  const lab = pick(r, ['#3a3a7a', '#444', '#1f4f6f']);
  const dx = int(r, -14, 14);
  const dy = int(r, -10, 10);
  const s = 0.92 + r() * 0.16;
  const fs = (px: number) => (px * s).toFixed(1);
  const text = (x: number, y: number, px: number, t: string, o: { bold?: boolean; fill?: string; anchor?: string; font?: string } = {}) =>
    `<text x="${x + dx}" y="${y + dy}" font-family="${o.font ?? (o.bold ? f.value : f.label)}" font-size="${fs(px)}" ${f.stretch ? `font-stretch="${f.stretch}"` : ''} font-weight="${o.bold ? f.valueWeight : f.labelWeight}" fill="${o.fill ?? lab}" ${o.anchor ? `text-anchor="${o.anchor}"` : ''}>${esc(t)}</text>`;
  const parts: string[] = [background(r, int(r, 20, 200))];
  if (face === 'back2021') {
    parts.push(`<rect x="0" y="${H - 200}" width="${W}" height="200" fill="#fbfbf6"/>`);
    parts.push(text(40, 70, 20, 'Đặc điểm nhân dạng / Personal identification:'));
    parts.push(text(40, 105, 20, `Nốt ruồi C: ${int(r, 1, 3)}cm dưới sau mép trái`, { fill: ink }));
    parts.push(text(40, 150, 20, `Ngày, tháng, năm / Date, month, year: ${String(int(r, 1, 28)).padStart(2, '0')}/0${int(r, 1, 9)}/2022`));
    parts.push(text(40, 200, 20, 'CỤC TRƯỞNG CỤC CẢNH SÁT', { bold: true, fill: ink }));
    const mrz = mrzOf(h);
    mrz.forEach((l, i) => parts.push(`<text x="${52 + dx}" y="${H - 140 + i * 52}" font-family="DejaVu Sans Mono" font-size="36" letter-spacing="${(3 + r() * 2).toFixed(1)}" fill="#111">${esc(l)}</text>`));
  } else {
    parts.push(text(W / 2 + 60, 62, 24, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, anchor: 'middle' }));
    parts.push(text(W / 2 + 60, 92, 21, 'Độc lập - Tự do - Hạnh phúc', { anchor: 'middle' }));
    parts.push(text(W / 2 + 60, 150, 34, face === 'front2021' ? 'CĂN CƯỚC CÔNG DÂN' : 'CĂN CƯỚC', { bold: true, fill: '#b0161b', anchor: 'middle' }));
    parts.push(text(W / 2 + 60, 178, 18, face === 'front2021' ? 'Citizen Identity Card' : 'IDENTITY CARD', { anchor: 'middle' }));
    // the photo: a face-coloured box with a head shape
    const px = 50 + dx;
    parts.push(`<rect x="${px}" y="${250 + dy}" width="230" height="300" fill="hsl(${int(r, 190, 220)},20%,80%)"/><ellipse cx="${px + 115}" cy="${370 + dy}" rx="70" ry="90" fill="hsl(25,35%,${int(r, 55, 75)}%)"/>`);
    const x = 320;
    const lh = 46 * s;
    let y = 240;
    const idLabel = face === 'front2021' ? 'Số / No.:' : 'Số định danh cá nhân / Personal identification number:';
    if (face === 'front2021') {
      parts.push(text(x, y, 22, idLabel));
      parts.push(text(x + 140, y + 2, 38, h.id, { bold: true, fill: ink }));
    } else {
      parts.push(text(x, y, 20, idLabel));
      y += lh;
      parts.push(text(x, y, 36, h.id, { bold: true, fill: ink }));
    }
    y += lh * 1.1;
    parts.push(text(x, y, 20, face === 'front2021' ? 'Họ và tên / Full name:' : 'Họ, chữ đệm và tên khai sinh / Full name:'));
    y += lh;
    parts.push(text(x, y, 32, h.name.toUpperCase(), { bold: true, fill: ink }));
    y += lh;
    const dobLabel = face === 'front2021' ? 'Ngày sinh / Date of birth:' : 'Ngày, tháng, năm sinh / Date of birth:';
    parts.push(text(x, y, 20, dobLabel));
    parts.push(text(x + (face === 'front2021' ? 270 : 380), y, 26, dmy(h.dob), { bold: true, fill: ink }));
    y += lh;
    parts.push(text(x, y, 20, 'Giới tính / Sex:'));
    parts.push(text(x + 170, y, 26, h.sex, { bold: true, fill: ink }));
    parts.push(text(x + 300, y, 20, 'Quốc tịch / Nationality:'));
    parts.push(text(x + 555, y, 26, 'Việt Nam', { bold: true, fill: ink }));
    if (face === 'front2021') {
      y += lh;
      parts.push(text(x, y, 20, 'Quê quán / Place of origin:'));
      parts.push(text(x, y + lh * 0.8, 24, 'Xã Tân Phú, Huyện Đức Thọ, Hà Tĩnh', { bold: true, fill: ink }));
      parts.push(text(40, H - 40, 17, `Có giá trị đến: ${h.expiry.y === 2099 ? 'Không thời hạn' : dmy(h.expiry)}`));
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${parts.join('\n')}</svg>`;
}

/** Put the card in a scene: the photo a resident or a clerk would take. */
async function scene(card: Buffer, sc: Scene3, r: R): Promise<{ data: Buffer; ext: 'jpg' | 'png' }> {
  if (sc === 'tight') {
    const img = await sharp(card).flatten({ background: '#ddd' }).extract({ left: 6, top: 6, width: W - 12, height: H - 12 }).resize(int(r, 620, 760)).jpeg({ quality: int(r, 18, 28) }).toBuffer();
    return { data: img, ext: 'jpg' };
  }
  const cw = 1600;
  const ch = 1100;
  // grey cloth: noise, blurred
  const noise = Buffer.alloc(cw * ch * 3);
  const base = int(r, 90, 150);
  for (let i = 0; i < cw * ch; i++) {
    const v = base + Math.floor((r() - 0.5) * 50);
    noise[i * 3] = v;
    noise[i * 3 + 1] = v + 4;
    noise[i * 3 + 2] = v + 10;
  }
  const cloth = await sharp(noise, { raw: { width: cw, height: ch, channels: 3 } }).blur(1.4).png().toBuffer();
  let c = sharp(card).flatten({ background: { r: base, g: base, b: base } });
  const angle = sc === 'sheared' ? 0 : (r() - 0.5) * 10;
  if (sc === 'sheared') {
    const k = (r() - 0.5) * 0.14;
    c = sharp(await c.png().toBuffer()).affine([[1, k], [k * 0.4, 1]], { background: { r: base, g: base, b: base } });
  }
  let cardImg = await c.png().toBuffer();
  if (angle) cardImg = await sharp(cardImg).rotate(angle, { background: { r: base, g: base, b: base, alpha: 1 } }).png().toBuffer();
  const meta = await sharp(cardImg).metadata();
  const scale = Math.min((cw * 0.8) / meta.width!, (ch * 0.8) / meta.height!, 1.15);
  const placed = await sharp(cardImg).resize(Math.round(meta.width! * scale)).png().toBuffer();
  const pm = await sharp(placed).metadata();
  const left = int(r, 20, cw - pm.width! - 20);
  const top = int(r, 20, ch - pm.height! - 20);
  const layers: OverlayOptions[] = [{ input: placed, left, top }];
  if (sc === 'shadow') {
    const x = int(r, Math.round(cw * 0.3), Math.round(cw * 0.6));
    layers.push({ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${cw}" height="${ch}"><polygon points="${x},0 ${cw},0 ${cw},${ch} ${x - 200},${ch}" fill="#000" opacity="0.42"/></svg>`), left: 0, top: 0 });
  }
  let photo = sharp(await sharp(cloth).composite(layers).png().toBuffer());
  if (sc === 'faded') photo = photo.linear(0.55, 100).blur(0.9);
  else photo = photo.blur(0.6 + r() * 0.6);
  const out = await photo.resize(int(r, 1100, 1400)).jpeg({ quality: int(r, 55, 80) }).toBuffer();
  return { data: out, ext: 'jpg' };
}

export async function generateSet3(opts: { outDir: string; cards: number; seed?: number }): Promise<Sample3[]> {
  const r = rng(opts.seed ?? 5150);
  mkdirSync(opts.outDir, { recursive: true });
  const out: Sample3[] = [];
  let k = 0;
  for (let i = 0; i < opts.cards; i++) {
    const generation: 2021 | 2024 = i % 2 === 0 ? 2021 : 2024;
    const h = makeHolder(r, generation);
    const truth: Sample3['truth'] = {
      idNumber: h.id,
      fullName: h.name,
      fullNameAscii: ascii(h.name),
      dateOfBirth: iso(h.dob),
      sex: h.sex,
      nationality: 'Việt Nam',
      dateOfExpiry: h.expiry.y === 2099 ? '2099-12-31' : iso(h.expiry),
    };
    const faces: Face3[] = generation === 2021 ? ['front2021', 'back2021'] : ['front2024'];
    for (const face of faces) {
      const sc = SCENES3[k++ % SCENES3.length]!;
      const card = await sharp(Buffer.from(faceSvg(h, face, r))).png().toBuffer();
      const { data, ext } = await scene(card, sc, r);
      const file = `h${String(i).padStart(3, '0')}-${face}-${sc}.${ext}`;
      writeFileSync(path.join(opts.outDir, file), data);
      out.push({ file, face, generation, scene: sc, truth, hasQr: false, hasMrz: face === 'back2021' });
    }
  }
  writeFileSync(path.join(opts.outDir, 'truth.json'), JSON.stringify(out, null, 1));
  return out;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const arg = (name: string, dflt: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
  };
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const outDir = path.resolve(arg('out', path.join(root, 'tests/artifacts/idcard3')));
  const set = await generateSet3({ outDir, cards: Number(arg('cards', '24')), seed: Number(arg('seed', '5150')) });
  process.stdout.write(`${set.length} images in ${outDir}\n`);
}
