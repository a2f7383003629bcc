/**
 * The papers step's camera (document mode): the page-shaped guide, grabbing a frame and sending it
 * to the kiosk services in parts (`papers.add`). Kept apart from React so it can be unit-tested.
 * Layer: renderer (DOM types only in `grabPage`).
 */
import { randomUuid } from './uuid.ts';
import { PAPER_PART_MAX_BASE64, type PaperPageView } from '../../../common/contract/kiosk-api.ts';
import type { KioskClient } from '../../../common/contract/client.ts';

/** A4 portrait. */
export const PAGE_ASPECT = 210 / 297;
/** The guide covers at most this share of the preview's height. */
export const GUIDE_HEIGHT = 0.9;
/** The photo sent is at most this many pixels on its long side (the services bound what they keep). */
export const MAX_SEND_SIDE = 1600;
export const SEND_QUALITY = 0.9;

export function pageGuide(videoW: number, videoH: number): { x: number; y: number; w: number; h: number } {
  let h = videoH * GUIDE_HEIGHT;
  let w = h * PAGE_ASPECT;
  if (w > videoW * 0.95) {
    w = videoW * 0.95;
    h = w / PAGE_ASPECT;
  }
  return { x: (videoW - w) / 2, y: (videoH - h) / 2, w, h };
}

/** Base64 cut into parts of at most `max` characters, each a multiple of 4 (so each decodes alone). */
export function splitBase64(b64: string, max = PAPER_PART_MAX_BASE64): string[] {
  const size = max - (max % 4);
  const parts: string[] = [];
  for (let i = 0; i < b64.length; i += size) parts.push(b64.slice(i, i + size));
  return parts.length ? parts : [''];
}

/** The whole camera frame (the services find the page's edges), downscaled, as JPEG base64. */
export function grabPage(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  const vw = video.videoWidth;
  const vh = video.videoHeight;
  if (!vw || !vh || video.readyState < 2) return null;
  const scale = Math.min(1, MAX_SEND_SIDE / Math.max(vw, vh));
  canvas.width = Math.round(vw * scale);
  canvas.height = Math.round(vh * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  const url = canvas.toDataURL('image/jpeg', SEND_QUALITY);
  const prefix = 'data:image/jpeg;base64,';
  return url.startsWith(prefix) ? url.slice(prefix.length) : null;
}

/** Sends one photo in parts; resolves to the processed page (the services' errors reject). */
export async function sendPage(client: KioskClient, serviceCode: string, paperId: string, b64: string): Promise<PaperPageView> {
  const parts = splitBase64(b64);
  const uploadId = randomUuid();
  for (let part = 0; part < parts.length; part++) {
    const r = await client.call('papers.add', { serviceCode, paperId, uploadId, part, parts: parts.length, data: parts[part]! });
    if (r.complete && r.page) return r.page;
  }
  throw new Error('papers.add: no page');
}
