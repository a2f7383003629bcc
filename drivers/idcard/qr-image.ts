/**
 * QR of the card decoded from a camera frame with zxing-wasm, its wasm loaded from node_modules
 * (never the CDN). Whole frame first; when that fails, the likely QR regions of the detected card
 * (2021 front: top right; 2024 back: top right) cropped, upscaled and sharpened — and, last, upscaled
 * ×4 plain (lanczos).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import { IdCardError } from '../../common/idcard/fields.ts';
import { looksLikeCccdQr, parseCccdQr, type QrParseResult } from '../../common/idcard/qr.ts';
import { CARD_H, CARD_W, type CardDetection, type Frame } from './image.ts';
import { ditheredLooks } from './qr-dither.ts';
import { localInk } from './mrz-locate.ts';

let ready: Promise<unknown> | undefined;

/** Load the reader wasm from the local package once. */
export function prepareQrReader(): Promise<unknown> {
  if (!ready) {
    const require = createRequire(import.meta.url);
    const bin = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    const wasmBinary = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
    ready = prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  }
  return ready;
}

const OPTS: ReaderOptions = { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 4 };

/** The RGBA pixels zxing-wasm reads (its own ImageData shape: Node has no DOM ImageData). */
type Pixels = Extract<Parameters<typeof readBarcodes>[0], { width: number }>;

function imageData(data: Buffer | Uint8Array, width: number, height: number): Pixels {
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height, colorSpace: 'srgb' } as Pixels;
}

let decoy: Pixels | undefined;

/** A tiny QR holding "-" (version 1, 4 px per module), drawn once. */
function decoyImage(): Pixels {
  if (!decoy) {
    const q = QRCode.create('-', { errorCorrectionLevel: 'L' });
    const n = q.modules.size;
    const scale = 4;
    const quiet = 4;
    const w = (n + 2 * quiet) * scale;
    const px = Buffer.alloc(w * w * 4, 255);
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        if (!q.modules.get(y, x)) continue;
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) {
            const p = (((y + quiet) * scale + dy) * w + (x + quiet) * scale + dx) * 4;
            px[p] = px[p + 1] = px[p + 2] = 0;
          }
      }
    decoy = imageData(px, w, w);
  }
  return decoy;
}

/**
 * zxing-wasm (3.1) keeps the last result object it handed to JavaScript in the argument array of an
 * embind method caller, so a card's QR text (name, ID, address) would stay in memory after the read
 * and after the session's wipe. Decoding a tiny decoy QR ("-") takes that place (~1 ms).
 */
async function scrubLastResult(): Promise<void> {
  await readBarcodes(decoyImage(), { formats: ['QRCode'], tryHarder: false, maxNumberOfSymbols: 1 });
}

/** All QR texts zxing finds in an RGBA frame. */
export async function decodeQrTexts(frame: Frame): Promise<string[]> {
  await prepareQrReader();
  const res = await readBarcodes(imageData(frame.data, frame.width, frame.height), OPTS);
  const texts = res.filter((r) => r.isValid && r.text).map((r) => r.text);
  if (res.length > 0) await scrubLastResult();
  return texts;
}

/** A box in a frame's pixels. */
export interface PixelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * One zxing pass over a frame: the texts of the QRs it decoded, and where it **located** a QR (its finder
 * patterns and grid) that it could not decode — a checksum or format error: too few pixels per module for
 * its sampling (≈ 2 px on a worn card's camera frame), or blur. Errors are asked for in the same pass
 * (`returnErrors`, room for 8 symbols): on 308 development images and camera frames it decoded exactly what
 * the plain pass did. Only full-size QR symbols are located (model 2): a card's payload never fits a Micro
 * or rMQR code, and the false Micro/rMQR "finds" in a patterned cloth are not worth a look.
 */
async function decodeFrame(frame: Frame): Promise<{ texts: string[]; located: PixelBox[] }> {
  await prepareQrReader();
  const res = await readBarcodes(imageData(frame.data, frame.width, frame.height), { ...OPTS, maxNumberOfSymbols: 8, returnErrors: true });
  const texts = res.filter((r) => r.isValid && r.text).map((r) => r.text);
  const located: PixelBox[] = [];
  for (const r of res) {
    if (r.isValid || (r.format !== 'QRCodeModel2' && r.format !== 'QRCode')) continue;
    const p = r.position;
    const xs = [p.topLeft.x, p.topRight.x, p.bottomRight.x, p.bottomLeft.x];
    const ys = [p.topLeft.y, p.topRight.y, p.bottomRight.y, p.bottomLeft.y];
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    if (x1 - x0 < 8 || y1 - y0 < 8) continue;
    // the same symbol found twice (two binarisations): keep one
    if (located.some((b) => Math.abs(b.x - x0) < 0.2 * b.w && Math.abs(b.y - y0) < 0.2 * b.h)) continue;
    located.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 });
  }
  if (res.length > 0) await scrubLastResult();
  return { texts, located: located.slice(0, 2) };
}

/** Where zxing located a QR it could not decode (see `decodeFrame`), in the frame's pixels. */
export async function locateUndecodedQrs(frame: Frame): Promise<PixelBox[]> {
  return (await decodeFrame(frame)).located;
}

/** Upscale factors tried on a located QR's crop: ×2 decodes ≈ 2 px modules; ×3 when ×2 does not. */
const LOCATED_FACTORS = [2, 3] as const;
/** Margin around a located QR's box (its quiet zone and a little more), as a share of its size. */
const LOCATED_MARGIN = 0.25;

/**
 * A QR located but not decoded, read again from its own crop: the box plus a margin (its quiet zone),
 * grey, upscaled ×2 then ×3 (lanczos, no sharpening — sharpening makes JPEG noise into modules). zxing
 * samples each module's centre; at ≈ 2 px per module a centre falls on an edge and the checksum fails,
 * while the upscaled crop gives its binariser room between modules. Every text still goes through the
 * card QR parser; nothing is guessed.
 */
export async function decodeLocatedQrs(frame: Frame, boxes: PixelBox[]): Promise<string[]> {
  for (const b of boxes) {
    const m = LOCATED_MARGIN * Math.max(b.w, b.h);
    const left = Math.max(0, Math.floor(b.x - m));
    const top = Math.max(0, Math.floor(b.y - m));
    const width = Math.min(frame.width - left, Math.ceil(b.w + 2 * m));
    const height = Math.min(frame.height - top, Math.ceil(b.h + 2 * m));
    if (width < 8 || height < 8) continue;
    for (const k of LOCATED_FACTORS) {
      const { data, info } = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 4 } })
        .extract({ left, top, width, height })
        .greyscale()
        .resize(width * k, height * k, { kernel: 'lanczos3' })
        .raw()
        .toBuffer({ resolveWithObject: true });
      if (info.channels !== 1) throw new Error(`expected one grey channel, got ${info.channels}`);
      const texts = await decodeQrTexts(greyToRgba(data, info.width, info.height));
      if (texts.length) return texts;
    }
  }
  return [];
}

/** QR texts of a 1-bit dithered copy read again descreened (qr-dither.ts); [] for any other picture. */
export async function decodeDithered(frame: Frame): Promise<string[]> {
  for await (const look of ditheredLooks(frame)) {
    const texts = await decodeQrTexts(greyToRgba(look.data, look.width, look.height));
    if (texts.length) return texts;
  }
  return [];
}

/**
 * A picture at most this many pixels on its long side is small enough that its QR may be read only enlarged: a
 * gallery thumbnail (generator 10's 480 px at JPEG q20: the card's QR ≈ 70 px for 45 modules, ≈ 1.5 px a module).
 * The camera's frames are sent ≈ 960 px wide (camera.ts) and the tuning set's low-resolution backs are 640 px: neither
 * pays for the looks below (≈ 1 s of CPU on a thumbnail that holds no QR, a 2024 front).
 */
export const SMALL_FRAME_SIDE = 560;
/**
 * The looks at a small picture's QR, in order until one decodes: the enlargement (for a 480 px picture; a larger one
 * less, in proportion), the kernel, and the local mean's offset `c` (undefined: decoded as it is, no threshold). The
 * local mean's half-window is 4 of the picture's own pixels (≈ 3 modules at 1.5 px a module). On 20 development
 * thumbnails of generator 10 (2021 fronts, seed 2101) each of the four decoded some the others did not: 8 of 20 in
 * all, where the frame, its located crop and the card's QR corner decoded 2.
 */
const SMALL_LOOKS: readonly { k: number; kernel: 'cubic' | 'lanczos3'; c?: number }[] = [
  { k: 3, kernel: 'cubic', c: 0 },
  { k: 4, kernel: 'lanczos3' },
  { k: 4, kernel: 'lanczos3', c: 3 },
  { k: 5, kernel: 'lanczos3', c: 0 },
];
/** The local mean's half-window in the small picture's own pixels. */
const SMALL_LOCAL_R = 4;
/** The looks' enlargements are for a picture this wide (generator 10's thumbnail). */
const SMALL_BASE_SIDE = 480;

/**
 * The QR of a small picture (a thumbnail; see `SMALL_FRAME_SIDE`), whose whole frame and card crops decoded nothing:
 * the whole picture grey, enlarged so each module spans several pixels, decoded as it is or thresholded by its local
 * mean (`localInk`, mrz-locate.ts: JPEG's blocks and the guilloche behind the QR shift the grey level from place to
 * place, and one global threshold merges modules of 1.5 px) — `SMALL_LOOKS`. The whole picture, not the card's QR
 * corner: a thumbnail's card edge is often not found. [] for a larger picture. Each text goes through the card QR
 * parser; nothing is guessed.
 */
export async function decodeSmallFrame(frame: Frame): Promise<string[]> {
  const side = Math.max(frame.width, frame.height);
  if (side > SMALL_FRAME_SIDE || side < 32) return [];
  const raw = { raw: { width: frame.width, height: frame.height, channels: 4 as const } };
  // one enlargement per factor and kernel (two looks share ×4 lanczos)
  const enlarged = new Map<string, Promise<{ data: Buffer; info: { width: number; height: number; channels: number } }>>();
  for (const look of SMALL_LOOKS) {
    const k = Math.max(2, Math.round((look.k * SMALL_BASE_SIDE) / side));
    const key = `${k}/${look.kernel}`;
    if (!enlarged.has(key))
      enlarged.set(key, sharp(frame.data, raw).removeAlpha().greyscale().resize(frame.width * k, frame.height * k, { kernel: look.kernel }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true }));
    const { data, info } = await enlarged.get(key)!;
    if (info.channels !== 1) throw new Error(`expected one grey channel, got ${info.channels}`);
    let grey: Buffer = data;
    if (look.c !== undefined) {
      const ink = localInk({ data, width: info.width, height: info.height }, SMALL_LOCAL_R * k, look.c);
      grey = Buffer.alloc(ink.length);
      for (let i = 0; i < ink.length; i++) grey[i] = ink[i] ? 0 : 255;
    }
    const texts = await decodeQrTexts(greyToRgba(grey, info.width, info.height));
    if (texts.length) return texts;
  }
  return [];
}

/** Decode a frame; when nothing decodes, the QRs zxing located in it read again from their own upscaled crops. */
async function decodeWithLocated(frame: Frame): Promise<{ texts: string[]; located: boolean }> {
  const { texts, located } = await decodeFrame(frame);
  if (texts.length || !located.length) return { texts, located: false };
  return { texts: await decodeLocatedQrs(frame, located), located: true };
}

export interface QrImageResult extends QrParseResult {
  text: string;
  /**
   * 'frame' = decoded on the whole frame; 'located' = a QR located on the frame but not decoded, read from
   * its own upscaled crop; 'crop' = after cropping + upscaling the card region; 'dithered' = a 1-bit dithered copy read
   * again descreened (qr-dither.ts); 'small' = a small picture (a thumbnail) read enlarged (`decodeSmallFrame`).
   */
  via: 'frame' | 'located' | 'crop' | 'dithered' | 'small';
  ms: number;
}

/** Regions of the canonical card where a QR sits (2021 front, 2024 back), generous margins. */
const QR_REGIONS = [
  { x: 760, y: 0, w: 240, h: 240 },
  { x: 700, y: 0, w: 300, h: 330 },
];

/**
 * One grey channel as the RGBA zxing reads. (sharp's `greyscale()` output stays one channel even after
 * `ensureAlpha()`: handed over as RGBA, zxing read a quarter of the buffer as scrambled pixels — the crop
 * route decoded nothing until session 7.)
 */
export function greyToRgba(grey: Uint8Array | Buffer, width: number, height: number): Frame {
  const n = width * height;
  if (grey.length !== n) throw new Error(`grey buffer of ${grey.length} bytes for ${width}×${height}`);
  const data = Buffer.alloc(n * 4);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const v = grey[i]!;
    data[j] = v;
    data[j + 1] = v;
    data[j + 2] = v;
    data[j + 3] = 255;
  }
  return { data, width, height };
}

interface CropPass {
  region: { x: number; y: number; w: number; h: number };
  factor: number;
  /** cubic + sharpen + normalise, or a plain lanczos upscale (a small noisy QR: sharpening made its noise modules). */
  plain?: boolean;
}

/** The crop passes, in order, until one decodes. */
const CROP_PASSES: CropPass[] = [
  { region: QR_REGIONS[0]!, factor: 2 },
  { region: QR_REGIONS[1]!, factor: 3 },
  { region: QR_REGIONS[1]!, factor: 4, plain: true },
];

async function cropUpscale(card: CardDetection['card'], pass: CropPass): Promise<Frame> {
  const r = pass.region;
  let img = sharp(card.data, { raw: { width: CARD_W, height: CARD_H, channels: 3 } })
    .extract({ left: r.x, top: r.y, width: r.w, height: r.h })
    .greyscale()
    .resize(r.w * pass.factor, r.h * pass.factor, { kernel: pass.plain ? 'lanczos3' : 'cubic' });
  if (!pass.plain) img = img.sharpen({ sigma: 1.2 }).normalise();
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one grey channel, got ${info.channels}`);
  return greyToRgba(data, info.width, info.height);
}

function pick(texts: string[]): { text: string; parsed?: QrParseResult; error?: IdCardError } | undefined {
  // Two different cards' QR codes in one photo: read neither.
  const ids = new Set<string>();
  for (const text of texts) {
    try {
      const id = parseCccdQr(text).fields.idNumber;
      if (id) ids.add(id);
    } catch {
      // not a card QR: judged below
    }
  }
  if (ids.size > 1) return { text: '', error: new IdCardError('two_cards') };
  let firstErr: IdCardError | undefined;
  for (const text of texts) {
    try {
      return { text, parsed: parseCccdQr(text) };
    } catch (e) {
      if (e instanceof IdCardError && !firstErr) firstErr = e;
    }
  }
  if (texts.length && firstErr) return { text: texts[0]!, error: firstErr };
  return undefined;
}

/**
 * Find and parse the card's QR. Resolves undefined when no QR is seen; throws IdCardError
 * (`not_id_qr`, `truncated`) when a QR is seen but is not a card's.
 */
export async function readQrFromFrame(frame: Frame, card?: CardDetection | (() => Promise<CardDetection | undefined>)): Promise<QrImageResult | undefined> {
  const t0 = performance.now();
  const whole = await decodeWithLocated(frame);
  let found = pick(whole.texts);
  let via: QrImageResult['via'] = whole.located ? 'located' : 'frame';
  if (!found?.parsed) {
    const det = typeof card === 'function' ? await card() : card;
    if (det) {
      for (const pass of CROP_PASSES) {
        const hit = pick((await decodeWithLocated(await cropUpscale(det.card, pass))).texts);
        if (hit?.parsed) {
          found = hit;
          via = 'crop';
          break;
        }
        if (!found) found = hit;
      }
    }
  }
  // a small picture (a thumbnail): its QR read enlarged (`decodeSmallFrame`); nothing for a larger picture
  if (!found?.parsed) {
    const hit = pick(await decodeSmallFrame(frame));
    if (hit?.parsed) {
      found = hit;
      via = 'small';
    } else found ??= hit;
  }
  // a 1-bit dithered copy (a fax): its QR read again descreened (qr-dither.ts); nothing for any other picture
  if (!found?.parsed) {
    const hit = pick(await decodeDithered(frame));
    if (hit?.parsed) {
      found = hit;
      via = 'dithered';
    } else found ??= hit;
  }
  if (!found) return undefined;
  if (found.error || !found.parsed) {
    if (found.error && (found.error.code === 'two_cards' || looksLikeCccdQr(found.text))) throw found.error;
    throw found.error ?? new IdCardError('not_id_qr');
  }
  return { ...found.parsed, text: found.text, via, ms: performance.now() - t0 };
}
