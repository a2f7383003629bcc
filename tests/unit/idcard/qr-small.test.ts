/**
 * The QR of a small picture (session 13, idlowres): generator 10's gallery thumbnail — the photo shrunk to 480 px and
 * saved again at JPEG q20 — leaves a 2021 front's QR ≈ 1.6 px a module, turned a few degrees with the card. zxing then
 * neither decodes it on the frame nor locates it (so no crop of its own is read), and no card edge may be found for
 * the card's QR corner. The whole small picture, enlarged and thresholded by its local mean, decodes
 * (qr-image.ts `decodeSmallFrame`); a picture the size of a camera frame is never looked at that way.
 */
import QRCode from 'qrcode';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadFrame } from '../../../drivers/idcard/image.ts';
import { decodeLocatedQrs, decodeQrTexts, decodeSmallFrame, locateUndecodedQrs, readQrFromFrame, SMALL_FRAME_SIDE } from '../../../drivers/idcard/qr-image.ts';

const PAYLOAD = '079090012345|025123456|Nguyễn Văn An|01011990|Nam|Số 12 Phố Huế, Phường Hai Bà Trưng, Thành phố Hà Nội|15042021';

/**
 * A card QR (version 7, 45 modules) on a patterned card, drawn in a 1600×1200 photo turned `deg`°, shrunk to
 * `width` px wide (`module` px a module there) and saved at JPEG `quality` — a gallery thumbnail.
 */
async function thumbnail(module: number, deg: number, quality: number, width = 480): Promise<Buffer> {
  const W = 1600;
  const H = 1200;
  const q = QRCode.create(PAYLOAD, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const mp = (module * W) / width;
  const [x0, y0] = [1150, 180];
  const a = (deg * Math.PI) / 180;
  const px = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      // the card's guilloche: a fine pattern of a few grey levels
      let v = 215 + 25 * Math.sin(x * 0.21 + y * 0.13) * Math.sin(Math.hypot(x - 800, y - 600) * 0.09);
      const u = (x - x0) * Math.cos(a) + (y - y0) * Math.sin(a);
      const w = -(x - x0) * Math.sin(a) + (y - y0) * Math.cos(a);
      const mx = Math.floor(u / mp);
      const my = Math.floor(w / mp);
      if (mx >= -4 && my >= -4 && mx < n + 4 && my < n + 4) v = mx >= 0 && my >= 0 && mx < n && my < n && q.modules.get(my, mx) ? 30 : 250;
      const i = (y * W + x) * 3;
      px[i] = v;
      px[i + 1] = v * 0.97;
      px[i + 2] = v * 0.92;
    }
  return sharp(px, { raw: { width: W, height: H, channels: 3 } })
    .resize(width, Math.round((H * width) / W), { kernel: 'lanczos3' })
    .jpeg({ quality })
    .toBuffer();
}

describe('the QR of a small picture (a thumbnail)', () => {
  it('1.6 px a module, turned 3°, JPEG q20: neither decoded nor located on the frame; the enlarged picture decodes', async () => {
    const frame = await loadFrame(await thumbnail(1.6, 3, 20));
    expect(frame.width).toBe(480);
    expect(await decodeQrTexts(frame)).toEqual([]);
    expect(await decodeLocatedQrs(frame, await locateUndecodedQrs(frame))).toEqual([]);
    expect(await decodeSmallFrame(frame)).toEqual([PAYLOAD]);
    const r = await readQrFromFrame(frame);
    expect(r?.via).toBe('small');
    expect(r?.fields.idNumber).toBe('079090012345');
    expect(r?.fields.fullName).toBe('Nguyễn Văn An');
  }, 60_000);

  it('a picture larger than a thumbnail (a camera frame) is not enlarged: nothing more is paid', async () => {
    const big = await loadFrame(await sharp({ create: { width: SMALL_FRAME_SIDE + 1, height: 400, channels: 3, background: '#e8e4dc' } }).jpeg().toBuffer());
    expect(await decodeSmallFrame(big)).toEqual([]);
    const small = await loadFrame(await sharp({ create: { width: 320, height: 200, channels: 3, background: '#e8e4dc' } }).jpeg().toBuffer());
    expect(await decodeSmallFrame(small)).toEqual([]);
    expect(await readQrFromFrame(small)).toBeUndefined();
  });
});
