/**
 * Receipt → exact ESC/POS bytes, framed with node-thermal-printer (init, alignment, size, QR,
 * feed and cut). Text never goes through its `print()` — its Vietnamese code pages send wrong
 * bytes — only through our raster or the proven code page encoder.
 */
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { effectiveMode, paperSpec, resolveProfile, type PrinterProfile, type TextModeSpec } from './profiles.ts';
import { encodeRaster, renderLines, canvasMeasurer, type Bitmap } from './raster.ts';
import { layout, plainTextBlocks, receiptBlocks, wrapText, type Block, type Line, type Measurer, type PaperSpec, type PaperWidthMm, type Receipt, type TextStyle } from './receipt.ts';


export interface JobOptions {
  model?: string;
  paperWidthMm?: PaperWidthMm;
}

export interface BuiltJob {
  bytes: Buffer;
  mode: 'raster' | 'text';
  profile: string;
  paper: PaperWidthMm;
  /** The raster that was sent (raster mode only). */
  bitmap?: Bitmap;
  lines: Line[];
}

function framer(columns: number) {
  // no interface (''): it only assembles the buffer; our transports send it
  return new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width: columns });
}

const ESC_INIT = Buffer.from([0x1b, 0x40]);

function feedDots(dots: number): Buffer {
  // ESC J n: feed n dots (n ≤ 255)
  const parts: number[] = [];
  for (let left = dots; left > 0; left -= 255) parts.push(0x1b, 0x4a, Math.min(255, left));
  return Buffer.from(parts);
}

function finish(p: InstanceType<typeof ThermalPrinter>, profile: PrinterProfile): Buffer {
  p.add(feedDots(profile.feedBeforeCut));
  // cut({verticalTabAmount:0}) = GS V 0/1 then ESC @, leaving the printer in its default state
  if (profile.cut === 'full') p.cut({ verticalTabAmount: 0 });
  else p.partialCut({ verticalTabAmount: 0 });
  return Buffer.from(p.getBuffer());
}

export function buildRasterJob(lines: Line[], paper: PaperSpec, profile: PrinterProfile): { bytes: Buffer; bitmap: Bitmap } {
  const bitmap = renderLines(lines, paper);
  const p = framer(48);
  p.add(ESC_INIT);
  p.alignLeft();
  p.add(encodeRaster(bitmap));
  return { bytes: finish(p, profile), bitmap };
}

/** Character-cell measurer for text mode: one cell per grapheme, double width for the code. */
export function cellMeasurer(): Measurer {
  const seg = new Intl.Segmenter('vi', { granularity: 'grapheme' });
  return { width: (s: string, style: TextStyle) => [...seg.segment(s)].length * (style === 'code' ? 2 : 1) };
}

export function buildTextJob(blocks: Block[], paper: PaperSpec, profile: PrinterProfile, text: TextModeSpec): { bytes: Buffer; lines: Line[] } {
  const columns = text.columns[paper.widthMm];
  const lines = layout(blocks, columns, cellMeasurer());
  const p = framer(columns);
  p.add(ESC_INIT);
  p.add(Buffer.from([0x1b, 0x74, text.escT]));
  for (const l of lines) {
    switch (l.kind) {
      case 'text': {
        if (l.align === 'center') p.alignCenter();
        else if (l.align === 'right') p.alignRight();
        else p.alignLeft();
        if (l.style === 'code') p.setTextSize(1, 1);
        else p.setTextNormal();
        p.bold(l.style === 'title' || l.style === 'heading' || l.style === 'code');
        const { bytes } = text.codec.encode(' '.repeat(l.x) + l.text);
        p.add(bytes);
        p.newLine();
        break;
      }
      case 'qr':
        p.alignCenter();
        // ASCII payload only: the library declares str.length but writes UTF-8
        p.printQR(/^[\x20-\x7e]*$/.test(l.payload) ? l.payload : encodeURI(l.payload), { cellSize: l.large ? 8 : paper.dots >= 576 ? 6 : 5, correction: 'M', model: 2 });
        p.newLine();
        break;
      case 'rule':
        p.alignLeft();
        p.setTextNormal();
        p.add(Buffer.from('-'.repeat(columns) + '\n', 'ascii'));
        break;
      case 'gap':
        p.add(feedDots(l.dots));
        break;
    }
  }
  p.setTextNormal();
  p.bold(false);
  p.alignLeft();
  return { bytes: finish(p, profile), lines };
}

export function buildJob(blocks: Block[], opts: JobOptions = {}): BuiltJob {
  const profile = resolveProfile(opts.model);
  const paper = paperSpec(opts.paperWidthMm);
  const mode = effectiveMode(profile);
  if (mode.mode === 'text') {
    const { bytes, lines } = buildTextJob(blocks, paper, profile, mode.text);
    return { bytes, mode: 'text', profile: profile.model, paper: paper.widthMm, lines };
  }
  const lines = layout(blocks, paper.dots - 2 * paper.margin, canvasMeasurer(paper));
  const { bytes, bitmap } = buildRasterJob(lines, paper, profile);
  return { bytes, mode: 'raster', profile: profile.model, paper: paper.widthMm, bitmap, lines };
}

/** Submit → bytes ready: the path the kiosk services use. */
export function buildReceiptJob(receipt: Receipt, opts: JobOptions = {}): BuiltJob {
  return buildJob(receiptBlocks(receipt), opts);
}

/** The `receipt` command's path: each line of a text file, same renderer and framing. */
export function buildTextFileJob(lines: string[], opts: JobOptions = {}): BuiltJob {
  return buildJob(plainTextBlocks(lines), opts);
}

export { wrapText };
