/**
 * Generator 9's file formats: JPEG (sharp/mozjpeg, 4:2:0 or 4:4:4), WebP, 8-bit grey PNG, and a
 * 16-bit PNG in Display P3 written by hand (the pixels converted sRGB → P3 here, the profile in an
 * iCCP chunk), as a phone set to wide colour saves it.
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { toBytes, type Pic } from './raster.ts';

export type Format = { kind: 'jpeg'; quality: number; chroma: '4:2:0' | '4:4:4' } | { kind: 'webp'; quality: number } | { kind: 'png-grey' } | { kind: 'png16-p3' };

const raw = (p: Pic) => sharp(toBytes(p), { raw: { width: p.w, height: p.h, channels: 3 } });

export async function encode(p: Pic, f: Format): Promise<{ bytes: Buffer; ext: string }> {
  if (f.kind === 'jpeg') return { bytes: await raw(p).jpeg({ quality: f.quality, chromaSubsampling: f.chroma }).toBuffer(), ext: 'jpg' };
  if (f.kind === 'webp') return { bytes: await raw(p).webp({ quality: f.quality }).toBuffer(), ext: 'webp' };
  if (f.kind === 'png-grey') return { bytes: await raw(p).toColourspace('b-w').png({ compressionLevel: 6 }).toBuffer(), ext: 'png' };
  return { bytes: await png16P3(p), ext: 'png' };
}

const CRC = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();
function crc32(b: Buffer): number {
  let c = -1;
  for (let i = 0; i < b.length; i++) c = CRC[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

let p3Profile: Buffer | undefined;
/** libvips' built-in Display P3 profile, taken from a 1-pixel image sharp tags with it. */
async function displayP3(): Promise<Buffer> {
  if (!p3Profile) {
    const tagged = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#808080' } }).withIccProfile('p3').png().toBuffer();
    const icc = (await sharp(tagged).metadata()).icc;
    if (!icc) throw new Error('gen9: sharp gave no Display P3 profile');
    p3Profile = icc;
  }
  return p3Profile;
}

const toLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const fromLinear = (v: number) => (v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055);

async function png16P3(p: Pic): Promise<Buffer> {
  const rowLen = p.w * 6 + 1;
  const data = Buffer.alloc(rowLen * p.h);
  for (let y = 0; y < p.h; y++) {
    data[y * rowLen] = 0;
    for (let x = 0; x < p.w; x++) {
      const i = (y * p.w + x) * 3;
      const r = toLinear(Math.max(0, Math.min(255, p.rgb[i]!)) / 255);
      const g = toLinear(Math.max(0, Math.min(255, p.rgb[i + 1]!)) / 255);
      const b = toLinear(Math.max(0, Math.min(255, p.rgb[i + 2]!)) / 255);
      // linear sRGB → linear Display P3 (D65 both)
      const out = [0.822462 * r + 0.177538 * g, 0.033194 * r + 0.966806 * g, 0.017083 * r + 0.072397 * g + 0.91052 * b];
      for (let c = 0; c < 3; c++) data.writeUInt16BE(Math.round(fromLinear(Math.max(0, Math.min(1, out[c]!))) * 65535), y * rowLen + 1 + x * 6 + c * 2);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(p.w, 0);
  ihdr.writeUInt32BE(p.h, 4);
  ihdr[8] = 16;
  ihdr[9] = 2;
  const icc = Buffer.concat([Buffer.from('Display P3\u0000\u0000', 'latin1'), deflateSync(await displayP3())]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('iCCP', icc), chunk('IDAT', deflateSync(data, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}
