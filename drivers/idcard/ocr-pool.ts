/**
 * A warm pool of tesseract.js workers (each runs in its own worker thread, so OCR never blocks the
 * kiosk's event loop). Offline language data from @tesseract.js-data/<lang>/4.0.0_best_int, no cache
 * written. Each job carries its own parameters (whitelist, page segmentation mode) and a timeout; a
 * worker that times out is terminated and replaced; workers are recycled every `recycleAfter` jobs.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, type Worker } from 'tesseract.js';
import { IdCardError } from '../../common/idcard/fields.ts';
import { withTimeout } from './image.ts';

export type OcrLang = 'vie' | 'eng';

export interface OcrParams {
  /** Page segmentation mode: '3' page, '4' column, '6' block, '7' single line, '11' sparse text. */
  psm?: '3' | '4' | '6' | '7' | '8' | '11' | '13';
  whitelist?: string;
  /** Tesseract's binarisation: '0' Otsu (default), '1' local normalised, '2' Sauvola (uneven light). */
  threshold?: '0' | '1' | '2';
  /**
   * Also return the LSTM's alternatives for each character (tesseract's `lstm_choice_mode` 2: the
   * choices of its CTC decoding, with their scores) as hOCR in `OcrResult.hocr` (name-choices.ts parses it).
   */
  choices?: boolean;
}

export interface OcrBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  confidence: number;
  bbox: OcrBox;
}

export interface OcrLine {
  text: string;
  /** 0..100, mean of the line's words. */
  confidence: number;
  bbox: OcrBox;
  words: OcrWord[];
}

export interface OcrResult {
  text: string;
  confidence: number;
  lines: OcrLine[];
  ms: number;
  /** hOCR with each character's alternatives, when the job asked for `choices`. */
  hocr?: string;
}

export interface OcrPoolOptions {
  lang: OcrLang;
  size?: number;
  recycleAfter?: number;
  jobTimeoutMs?: number;
  /** Time allowed for a worker to start (load wasm + language). */
  startTimeoutMs?: number;
}

/** Folder holding `${lang}.traineddata.gz`, or undefined when the package is missing. */
export function langPathFor(lang: OcrLang): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0_best_int');
    return existsSync(path.join(dir, `${lang}.traineddata.gz`)) ? dir : undefined;
  } catch {
    return undefined;
  }
}

interface Slot {
  worker: Worker | undefined;
  starting: Promise<Worker> | undefined;
  jobs: number;
  busy: boolean;
  params: string;
}

interface Job {
  image: Buffer;
  params: OcrParams;
  resolve: (r: OcrResult) => void;
  reject: (e: unknown) => void;
}

export class OcrPool {
  readonly lang: OcrLang;
  private readonly size: number;
  private readonly recycleAfter: number;
  private readonly jobTimeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly langPath: string;
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private closed = false;
  /** Jobs done since creation (all workers). */
  completed = 0;

  constructor(opts: OcrPoolOptions) {
    this.lang = opts.lang;
    this.size = Math.max(1, opts.size ?? 1);
    this.recycleAfter = opts.recycleAfter ?? 500;
    this.jobTimeoutMs = opts.jobTimeoutMs ?? 8000;
    this.startTimeoutMs = opts.startTimeoutMs ?? 30000;
    const lp = langPathFor(opts.lang);
    // A missing language file crashes tesseract.js in a way no try/catch sees: check first.
    if (!lp) throw new IdCardError('unavailable', `thiếu dữ liệu OCR ${opts.lang}`);
    this.langPath = lp;
    this.slots = Array.from({ length: this.size }, () => ({ worker: undefined, starting: undefined, jobs: 0, busy: false, params: '' }));
  }

  private start(slot: Slot): Promise<Worker> {
    if (slot.worker) return Promise.resolve(slot.worker);
    if (!slot.starting) {
      const p = createWorker(this.lang, 1, {
        langPath: this.langPath,
        cacheMethod: 'none',
        gzip: true,
        errorHandler: () => undefined,
      });
      slot.starting = withTimeout(p, this.startTimeoutMs, () => void p.then((w) => w.terminate()).catch(() => undefined))
        .then((w) => {
          slot.worker = w;
          slot.jobs = 0;
          slot.params = '';
          return w;
        })
        .finally(() => {
          slot.starting = undefined;
        });
    }
    return slot.starting;
  }

  /** Start all workers and run one tiny job each (the first recognize is slow). */
  async warm(): Promise<void> {
    const blank = await import('sharp').then((s) =>
      s.default(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="220" height="50"><rect width="220" height="50" fill="#fff"/><text x="10" y="36" font-size="28" font-family="sans-serif">AB 0123</text></svg>')).png().toBuffer(),
    );
    await Promise.all(this.slots.map((s) => this.start(s)));
    await Promise.all(this.slots.map(() => this.recognize(blank, { psm: '7' }).catch(() => undefined)));
  }

  recognize(image: Buffer, params: OcrParams = {}): Promise<OcrResult> {
    if (this.closed) return Promise.reject(new IdCardError('unavailable'));
    return new Promise<OcrResult>((resolve, reject) => {
      this.queue.push({ image, params, resolve, reject });
      this.pump();
    });
  }

  get queueLength(): number {
    return this.queue.length;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.busy = true;
      void this.run(slot, job).finally(() => {
        slot.busy = false;
        this.pump();
      });
    }
  }

  private async kill(slot: Slot): Promise<void> {
    const w = slot.worker;
    slot.worker = undefined;
    if (w) await w.terminate().catch(() => undefined);
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    const t0 = performance.now();
    try {
      if (slot.worker && slot.jobs >= this.recycleAfter) await this.kill(slot);
      const worker = await this.start(slot);
      const key = `${job.params.psm ?? '6'}|${job.params.whitelist ?? ''}|${job.params.threshold ?? '0'}|${job.params.choices ? 2 : 0}`;
      const res = await withTimeout(
        (async () => {
          if (slot.params !== key) {
            await worker.setParameters({
              tessedit_pageseg_mode: (job.params.psm ?? '6') as never,
              tessedit_char_whitelist: job.params.whitelist ?? '',
              thresholding_method: job.params.threshold ?? '0',
              user_defined_dpi: '300',
              lstm_choice_mode: job.params.choices ? '2' : '0',
            } as Parameters<Worker['setParameters']>[0]);
            slot.params = key;
          }
          return worker.recognize(job.image, {}, { text: true, blocks: true, hocr: job.params.choices === true });
        })(),
        this.jobTimeoutMs,
        () => void this.kill(slot),
      );
      slot.jobs++;
      this.completed++;
      const lines: OcrLine[] = [];
      for (const b of res.data.blocks ?? [])
        for (const p of b.paragraphs)
          for (const l of p.lines)
            lines.push({
              text: l.text.replace(/\n$/, ''),
              confidence: l.confidence,
              bbox: { ...l.bbox },
              words: l.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: { ...w.bbox } })),
            });
      const out: OcrResult = { text: res.data.text, confidence: res.data.confidence, lines, ms: performance.now() - t0 };
      if (job.params.choices && res.data.hocr) out.hocr = res.data.hocr;
      job.resolve(out);
    } catch (e) {
      job.reject(e instanceof IdCardError ? e : new IdCardError('unavailable', 'OCR lỗi'));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new IdCardError('unavailable'));
    await Promise.all(
      this.slots.map(async (s) => {
        if (s.starting) await s.starting.catch(() => undefined);
        await this.kill(s);
      }),
    );
  }
}
