/**
 * The ID camera's geometry and frame encoding, kept apart from React so it can be unit-tested.
 * Layer: renderer (DOM types only in `grabFrame`).
 *
 * The preview shows a card-shaped frame (ID-1: 85.6 × 54 mm); what is sent is the frame's region
 * with a margin around it (the card finder needs some table around the card), downscaled to at most
 * MAX_SEND_WIDTH pixels and JPEG-encoded at the best quality that fits one frame of the carrier.
 * A noisy picture compresses badly: when even the lowest quality does not fit, the frame is sent
 * narrower (SEND_WIDTHS) rather than not at all.
 * When the card is clearly smaller than that region (held farther away, a photocopy page), only the card's
 * region is sent (`cardSendRect`, the rule in common/idcard/card-region.ts): the same ≤ 960 px then carry
 * the card at up to the camera's own resolution (the ID camera asks 1920 × 1080, as the papers camera does).
 */
import { IDCARD_FRAME_MAX_BASE64 } from '../../../common/contract/kiosk-api.ts';
import { cardCrop, findCardBox, REGION_THUMB_WIDTH, type PixelRect } from '../../../common/idcard/card-region.ts';

/** ID-1 card: 85.6 × 54 mm. */
export const CARD_ASPECT = 85.6 / 54;
/** The frame covers this share of the preview's width (less when the preview is tall). */
export const GUIDE_WIDTH = 0.74;
/** …and never more than this share of its height. */
export const GUIDE_MAX_HEIGHT = 0.84;
/** Margin sent around the frame, as a share of the frame's width. */
export const SEND_MARGIN = 0.12;
export const MAX_SEND_WIDTH = 960;
/** The resolution the ID camera asks for (as the papers camera does): the card's region is cut from it. */
export const CAMERA_IDEAL = { width: 1920, height: 1080 } as const;
/** Tried in order until the JPEG fits IDCARD_FRAME_MAX_BASE64. */
export const JPEG_QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45] as const;
/** Widths stepped down to, in order, when a frame does not fit at the lowest quality. */
export const SEND_WIDTHS = [800, 640, 480] as const;
/** How often a frame is sent while the camera step is open. */
export const FRAME_INTERVAL_MS = 400;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The card-shaped frame, centred, in the video's pixels. */
export function guideRect(videoW: number, videoH: number): Rect {
  let w = videoW * GUIDE_WIDTH;
  let h = w / CARD_ASPECT;
  if (h > videoH * GUIDE_MAX_HEIGHT) {
    h = videoH * GUIDE_MAX_HEIGHT;
    w = h * CARD_ASPECT;
  }
  return { x: (videoW - w) / 2, y: (videoH - h) / 2, w, h };
}

/** What is sent: the frame plus a margin, inside the video; and the size it is scaled to. */
export function sendRect(videoW: number, videoH: number): { src: Rect; outW: number; outH: number } {
  const g = guideRect(videoW, videoH);
  const m = g.w * SEND_MARGIN;
  const x0 = Math.max(0, Math.floor(g.x - m));
  const y0 = Math.max(0, Math.floor(g.y - m));
  const x1 = Math.min(videoW, Math.ceil(g.x + g.w + m));
  const y1 = Math.min(videoH, Math.ceil(g.y + g.h + m));
  const src = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  const scale = Math.min(1, MAX_SEND_WIDTH / src.w);
  return { src, outW: Math.max(1, Math.round(src.w * scale)), outH: Math.max(1, Math.round(src.h * scale)) };
}

/** A frame that fits no quality at its width is first tried smoothed (a Gaussian of this σ, px) at these qualities. */
export const SMOOTH_SIGMA = 1;
export const SMOOTH_QUALITIES = [0.65, 0.55, 0.45] as const;

/** One encoding to try: a width (px), a JPEG quality, and a smoothing σ in px (0: none). */
export interface FrameAttempt {
  width: number;
  quality: number;
  smooth: number;
}

/**
 * The encodings tried for a frame `outW` px wide, in order: every quality at that width (best first);
 * the same width smoothed (σ 1 px: sensor noise and moiré are what make a frame too big, and
 * smoothing keeps the QR's modules, which a narrower frame loses); then every quality at each narrower
 * step of SEND_WIDTHS. The kiosk (`grabFrame`) and the benchmark's camera path (`fitFrameAsync`)
 * both follow this order.
 */
export function frameAttempts(outW: number): FrameAttempt[] {
  const first = Math.max(1, Math.min(Math.round(outW), MAX_SEND_WIDTH));
  const plain = (width: number) => JPEG_QUALITIES.map((quality) => ({ width, quality, smooth: 0 }));
  return [
    ...plain(first),
    ...SMOOTH_QUALITIES.map((quality) => ({ width: first, quality, smooth: SMOOTH_SIGMA })),
    ...SEND_WIDTHS.filter((w) => w < first).flatMap(plain),
  ];
}

export interface FittedFrame extends FrameAttempt {
  b64: string;
}

const fits = (b64: string, limit: number) => b64.length > 0 && b64.length <= limit;

/** The first attempt (widest, then best quality) whose base64 fits the limit, or null when none does. */
export function fitFrame(encode: (width: number, quality: number, smooth: number) => string, outW: number, limit = IDCARD_FRAME_MAX_BASE64): FittedFrame | null {
  for (const a of frameAttempts(outW)) {
    const b64 = encode(a.width, a.quality, a.smooth);
    if (fits(b64, limit)) return { ...a, b64 };
  }
  return null;
}

/** `fitFrame` for an asynchronous encoder (the benchmark's and tests' sharp), same order, same rule. */
export async function fitFrameAsync(encode: (width: number, quality: number, smooth: number) => Promise<string>, outW: number, limit = IDCARD_FRAME_MAX_BASE64): Promise<FittedFrame | null> {
  for (const a of frameAttempts(outW)) {
    const b64 = await encode(a.width, a.quality, a.smooth);
    if (fits(b64, limit)) return { ...a, b64 };
  }
  return null;
}

/**
 * What is sent once the card is looked for: `sendRect`'s region, or, when a single card is found in it and
 * is clearly smaller, the card's region (with its margin) in the video's pixels, scaled to ≤ MAX_SEND_WIDTH.
 * `pixels(src, w, h)` draws `src` to a w × h thumbnail and returns its RGBA (null when it cannot).
 */
export function cardSendRect(
  videoW: number,
  videoH: number,
  pixels: (src: PixelRect, w: number, h: number) => { data: ArrayLike<number>; width: number; height: number } | null,
): { src: PixelRect; outW: number; outH: number; cropped: boolean } {
  const base = sendRect(videoW, videoH);
  const tw = Math.min(REGION_THUMB_WIDTH, base.src.w);
  const th = Math.max(1, Math.round((base.src.h * tw) / base.src.w));
  const thumb = pixels(base.src, tw, th);
  const crop = cardCrop(thumb ? findCardBox(thumb) : null, base.src.w, base.src.h);
  if (!crop) return { ...base, cropped: false };
  const src = { x: base.src.x + crop.x, y: base.src.y + crop.y, w: crop.w, h: crop.h };
  const scale = Math.min(1, MAX_SEND_WIDTH / src.w);
  return { src, outW: Math.max(1, Math.round(src.w * scale)), outH: Math.max(1, Math.round(src.h * scale)), cropped: true };
}

/** Grab the frame's region (the card's, when found) from a playing video as JPEG base64 (null when the video has no frame yet). */
export function grabFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (!vw || !vh || video.readyState < 2) return null;
  const { src, outW, outH } = cardSendRect(vw, vh, (r, w, h) => {
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx || typeof ctx.getImageData !== 'function') return null;
    ctx.filter = 'none';
    ctx.drawImage(video, r.x, r.y, r.w, r.h, 0, 0, w, h);
    try {
      return ctx.getImageData(0, 0, w, h);
    } catch {
      return null;
    }
  });
  let drawn = '';
  const fitted = fitFrame((width, q, smooth) => {
    if (`${width}/${smooth}` !== drawn) {
      canvas.width = width;
      canvas.height = Math.max(1, Math.round((outH * width) / outW));
      const ctx = canvas.getContext('2d');
      if (!ctx) return '';
      ctx.imageSmoothingQuality = 'high';
      ctx.filter = smooth > 0 ? `blur(${smooth}px)` : 'none';
      ctx.drawImage(video, src.x, src.y, src.w, src.h, 0, 0, canvas.width, canvas.height);
      ctx.filter = 'none';
      drawn = `${width}/${smooth}`;
    }
    const url = canvas.toDataURL('image/jpeg', q);
    return url.startsWith('data:image/jpeg;base64,') ? url.slice('data:image/jpeg;base64,'.length) : '';
  }, outW);
  return fitted?.b64 ?? null;
}
