/** Papers for tests: a photo of a page (canvas) and sending it to the kiosk services in parts, as the renderer does. */
import { createCanvas } from '@napi-rs/canvas';
import { randomUUID } from 'node:crypto';
import { PAPER_PART_MAX_BASE64, type Envelope } from '../../common/contract/kiosk-api.ts';

/** A page of text on a desk, as a camera would see it. */
export function pagePhoto(w = 960, h = 720, text = 'Giấy chứng sinh — họ và tên mẹ: Nguyễn Thị Hoà'): Buffer {
  const c = createCanvas(w, h);
  const g = c.getContext('2d');
  g.fillStyle = '#5a4a3a';
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#f4f1ea';
  g.fillRect(w * 0.2, h * 0.05, w * 0.6, h * 0.9);
  g.fillStyle = '#202020';
  g.font = '18px sans-serif';
  for (let i = 0; i < 20; i++) g.fillText(text, w * 0.24, h * 0.12 + i * 28);
  return c.toBuffer('image/jpeg', 88);
}

type Dispatch = (method: string, params: unknown, ctx: { carrier: 'browser' }) => Promise<Envelope>;

/** Sends a picture as the renderer does: base64 in parts of PAPER_PART_MAX_BASE64 characters (a multiple of 4). */
export async function sendPhoto(s: { dispatch: Dispatch }, serviceCode: string, bytes: Buffer, paperId = 'giay-to-1'): Promise<Envelope> {
  const b64 = bytes.toString('base64');
  const parts = Math.max(1, Math.ceil(b64.length / PAPER_PART_MAX_BASE64));
  const uploadId = randomUUID();
  let last: Envelope | null = null;
  for (let part = 0; part < parts; part++) {
    last = await s.dispatch('papers.add', { serviceCode, paperId, uploadId, part, parts, data: b64.slice(part * PAPER_PART_MAX_BASE64, (part + 1) * PAPER_PART_MAX_BASE64) }, { carrier: 'browser' });
    if (!last.ok) return last;
  }
  return last!;
}
