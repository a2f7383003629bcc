/**
 * The ID camera's geometry and frame encoding, kept apart from React so it can be unit-tested.
 * Layer: renderer (DOM types only in `grabFrame`).
 *
 * The preview shows a card-shaped frame (ID-1: 85.6 × 54 mm); what is sent is the frame's region
 * with a margin around it (the card finder needs some table around the card), downscaled to at most
 * MAX_SEND_WIDTH pixels and JPEG-encoded at the best quality that fits one frame of the carrier.
 */
import { IDCARD_FRAME_MAX_BASE64 } from '../../../common/contract/kiosk-api.ts';

/** ID-1 card: 85.6 × 54 mm. */
export const CARD_ASPECT = 85.6 / 54;
/** The frame covers this share of the preview's width (less when the preview is tall). */
export const GUIDE_WIDTH = 0.74;
/** …and never more than this share of its height. */
export const GUIDE_MAX_HEIGHT = 0.84;
/** Margin sent around the frame, as a share of the frame's width. */
export const SEND_MARGIN = 0.12;
export const MAX_SEND_WIDTH = 960;
/** Tried in order until the JPEG fits IDCARD_FRAME_MAX_BASE64. */
export const JPEG_QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45] as const;
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

/** The first encoding (best quality first) whose base64 fits the limit, or null. */
export function fitJpeg(encode: (quality: number) => string, limit = IDCARD_FRAME_MAX_BASE64): string | null {
  for (const q of JPEG_QUALITIES) {
    const b64 = encode(q);
    if (b64.length > 0 && b64.length <= limit) return b64;
  }
  return null;
}

/** Grab the frame's region from a playing video as JPEG base64 (null when the video has no frame yet). */
export function grabFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (!vw || !vh || video.readyState < 2) return null;
  const { src, outW, outH } = sendRect(vw, vh);
  canvas.width = outW;
  canvas.height = outH;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(video, src.x, src.y, src.w, src.h, 0, 0, outW, outH);
  return fitJpeg((q) => {
    const url = canvas.toDataURL('image/jpeg', q);
    return url.startsWith('data:image/jpeg;base64,') ? url.slice('data:image/jpeg;base64,'.length) : '';
  });
}
