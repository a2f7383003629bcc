/**
 * A fake-camera video of a paper page lying on a desk, for Chromium's
 *   --use-fake-device-for-media-stream --use-file-for-fake-video-capture=FILE.y4m
 * The page is drawn by the document generator A (tests/document-data: invented contents, DejaVu
 * fonts), photographed on a wooden desk with a slight tilt and perspective, and written as Y4M
 * (4:2:0) frames. Two papers: a birth notice ("Giấy chứng sinh") and a residence confirmation
 * ("Giấy xác nhận thông tin về cư trú"). Deterministic for a given seed.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderPageA, type PageKind, type RenderedPage } from '../document-data/page-a.ts';
import { seeded } from '../document-data/rng.ts';
import { photograph, type SceneA } from '../document-data/scene-a.ts';
import { rgbaToI420 } from '../idcard-data/y4m.ts';

export type PaperKind = 'birth-notice' | 'residence';

export interface PaperVideoOptions {
  /** Which paper (default the birth notice). */
  paper?: PaperKind;
  /**
   * Several papers one after the other, `frames` frames each (Chromium loops the whole file, so which
   * paper a capture shows depends on when it is taken). Overrides `paper`.
   */
  sequence?: PaperKind[];
  /** Output file (default a new file in the OS temp folder). */
  file?: string;
  /** Even frame size (default 1280 × 720, Chromium's default capture size). */
  width?: number;
  height?: number;
  /** Frames in the file (Chromium loops them; default 4). */
  frames?: number;
  fps?: number;
  seed?: number;
}

export interface PaperVideo {
  file: string;
  /** The page's corners in the frame (TL, TR, BR, BL of the page). */
  corners: [number, number][];
  /** The printed lines of the page (ground truth). */
  lines: string[];
  width: number;
  height: number;
}

/** The scene: the page fills about 85 % of the frame's height, tilted 4°, a slight keystone. */
function scene(width: number, height: number, paper: PaperKind): SceneA {
  const ph = height * 0.86;
  const pw = ph / Math.SQRT2;
  const a = ((paper === 'birth-notice' ? 4 : -5) * Math.PI) / 180;
  const cx = width / 2 + (paper === 'birth-notice' ? -width * 0.03 : width * 0.04);
  const cy = height / 2;
  const local: [number, number][] = [
    [-pw / 2 * 0.95, -ph / 2],
    [pw / 2 * 0.95, -ph / 2],
    [pw / 2, ph / 2],
    [-pw / 2, ph / 2],
  ];
  const corners = local.map(([x, y]) => [cx + x * Math.cos(a) - y * Math.sin(a), cy + x * Math.sin(a) + y * Math.cos(a)]) as SceneA['corners'];
  return { width, height, desk: paper === 'birth-notice' ? 'dark-wood' : 'light-wood', corners, lightMin: 0.8, lightAngle: 0.6, shadow: 0, blur: 0, noise: 0, jpegQuality: 95 };
}

/** Render the page and its photo (RGBA) without writing a file. */
export async function paperFrame(opts: PaperVideoOptions = {}): Promise<{ rgba: Buffer; jpeg: Buffer; page: RenderedPage; corners: [number, number][]; width: number; height: number }> {
  const width = opts.width ?? 1280;
  const height = opts.height ?? 720;
  if (width % 2 || height % 2) throw new Error('the Y4M frame size must be even');
  const paper = opts.paper ?? 'birth-notice';
  const rng = seeded(opts.seed ?? (paper === 'birth-notice' ? 2024 : 2025));
  const page = renderPageA(rng, { kind: paper satisfies PageKind });
  const photo = await photograph(page, scene(width, height, paper), rng);
  return { rgba: photo.rgba, jpeg: photo.jpeg, page, corners: photo.corners, width, height };
}

/** Write the video; returns its path (use it as --use-file-for-fake-video-capture). */
export async function makePaperVideo(opts: PaperVideoOptions = {}): Promise<string> {
  return (await makePaperVideoWithTruth(opts)).file;
}

/** The video and, for the first paper, its true corners and printed lines. */
export async function makePaperVideoWithTruth(opts: PaperVideoOptions = {}): Promise<PaperVideo> {
  const papers = opts.sequence?.length ? opts.sequence : [opts.paper ?? 'birth-notice'];
  const shots = [];
  for (const paper of papers) shots.push(await paperFrame({ ...opts, paper, seed: papers.length > 1 ? undefined : opts.seed }));
  const f = shots[0]!;
  const header = Buffer.from(`YUV4MPEG2 W${f.width} H${f.height} F${opts.fps ?? 10}:1 Ip A1:1 C420jpeg\n`, 'latin1');
  const parts: Buffer[] = [header];
  for (const s of shots) {
    const { y, u, v } = rgbaToI420(s.rgba, s.width, s.height);
    const frame = Buffer.concat([Buffer.from('FRAME\n', 'latin1'), y, u, v]);
    for (let k = 0; k < (opts.frames ?? 4); k++) parts.push(frame);
  }
  const file = opts.file ?? path.join(os.tmpdir(), `ward-kiosk-paper-${papers.join('+')}-${process.pid}-${Date.now()}.y4m`);
  writeFileSync(file, Buffer.concat(parts));
  return { file, corners: f.corners, lines: f.page.lines, width: f.width, height: f.height };
}
