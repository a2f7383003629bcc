/**
 * (session 11, idback4) The QR of a 1-bit dithered copy (a fax, a "black and white" scan). Its modules are solid, but
 * at 200 dpi a card's QR has ≈ 2 px a module and the dithering's isolated dots sit around them; zxing found no QR at all
 * on generator 7's `fax-1bit` pictures (development seeds 21, 23, 25: three of three). Told by descreen.ts's own test
 * (`isDithered`: nearly every pixel black or white, many isolated dots — a photo or a JPEG is turned away at its first
 * sampled pass, so nothing else pays), the picture is blurred lightly (σ 0.7: the dots fade to grey, 2-px modules stay
 * apart; the front's page reading blurs more, σ 1.1) and read again; then upscaled ×2 and blurred σ 1.5. qr-image.ts
 * decodes the looks (no import back: no cycle); each text still goes through the card QR parser. Only called when the
 * frame and the card's QR crops decoded nothing.
 */
import sharp from 'sharp';
import { isDithered, sampledGreyShare } from './descreen.ts';
import type { Frame } from './image.ts';

/** The looks tried, as [upscale factor, blur sigma in the upscaled pixels], in order. */
const LOOKS = [
  [1, 0.7],
  [2, 1.5],
] as const;

/** A photo or a JPEG has greys (> 1 % of every 7th pixel), a 1-bit copy almost none (descreen.ts's sample, RGBA). */
const mostlyTwoLevels = (frame: Frame): boolean => sampledGreyShare(frame, 4) <= 0.01;

/** A grey picture (one channel). */
export interface GreyLook {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * The descreened looks of a dithered frame, in order (qr-image.ts decodes each until one reads); none when the frame is
 * not a 1-bit dithered copy.
 */
export async function* ditheredLooks(frame: Frame): AsyncGenerator<GreyLook> {
  if (!mostlyTwoLevels(frame)) return;
  const raw = { raw: { width: frame.width, height: frame.height, channels: 4 as const } };
  const rgb = await sharp(frame.data, raw).removeAlpha().raw().toBuffer();
  if (!isDithered({ data: rgb, width: frame.width, height: frame.height, channels: 3 })) return;
  for (const [k, sigma] of LOOKS) {
    let img = sharp(frame.data, raw).removeAlpha().greyscale();
    if (k > 1) img = sharp(await img.resize(frame.width * k, frame.height * k, { kernel: 'lanczos3' }).raw().toBuffer(), { raw: { width: frame.width * k, height: frame.height * k, channels: 1 } });
    const { data, info } = await img.blur(sigma).raw().toBuffer({ resolveWithObject: true });
    yield { data, width: info.width, height: info.height };
  }
}
