/**
 * The kiosk's side of the live view: while a volunteer is on the call, the
 * screen is recorded with rrweb (DOM and changes, not video) and sent in
 * batches through the kiosk services to the hub. The resident's personal
 * data is masked here, before anything leaves the kiosk:
 *  - every input and textarea value (except fields marked `data-lv-public`,
 *    e.g. the search box), as asterisks;
 *  - every text inside `.lv-private` (answers on the check page, the ID card
 *    reading, …);
 *  - media and `.lv-block` elements are replaced by empty boxes;
 *  - web fonts and url()s are stripped from the CSS (liveview-wire.ts).
 * The resident may choose to show their data (`setRevealed`), which takes a
 * new full snapshot; the next call starts masked again.
 * The recorder is loaded on first use, so it costs nothing on the first screen.
 * Layer: renderer (browser APIs).
 */
import { packEvents, stripEventResources, type RrEvent } from '../../../common/contract/liveview-wire.ts';

type RecordFn = typeof import('@rrweb/record').record;

export const maskText = (text: string): string => text.replace(/\S/g, '*');

/** Elements whose text never leaves the kiosk unless the resident reveals it. */
export const PRIVATE_TEXT = '.lv-private';
/** Elements recorded as an empty box of the same size. */
export const BLOCKED = 'video, audio, .lv-block';

/**
 * The recording options that mask, shared by the live view and the staff's
 * screenshot: one place decides what never leaves the kiosk.
 */
export function maskedRecordOptions(revealed: () => boolean) {
  return {
    maskAllInputs: true,
    maskInputFn: (text: string, el: HTMLElement) => (revealed() || el.closest('[data-lv-public]') ? text : maskText(text)),
    maskTextSelector: PRIVATE_TEXT,
    maskTextFn: (text: string) => (revealed() ? text : maskText(text)),
    blockSelector: BLOCKED,
    inlineImages: false,
    collectFonts: false,
    recordCanvas: false,
    slimDOMOptions: 'all' as const,
  };
}

export class LiveRecorder {
  private record: RecordFn | null = null;
  private stopRecording: (() => void) | null = null;
  private queue: RrEvent[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private sending: Promise<void> = Promise.resolve();
  private stopped = false;
  private revealed = false;
  /** Counters for tests and diagnostics (no content). */
  readonly stats = { events: 0, messages: 0, failed: 0 };

  constructor(
    private readonly send: (events: RrEvent[]) => Promise<unknown>,
    private readonly flushMs = 150,
  ) {}

  async start(): Promise<void> {
    const { record } = await import('@rrweb/record');
    if (this.stopped) return;
    this.record = record;
    const stop = record({
      emit: (e) => {
        this.stats.events++;
        this.queue.push(stripEventResources(e as unknown as RrEvent));
      },
      ...maskedRecordOptions(() => this.revealed),
      sampling: { mousemove: false, mouseInteraction: { MouseUp: false, MouseDown: false, Click: true, Focus: false, Blur: false, TouchStart: false, TouchEnd: false }, scroll: 150, input: 'last' },
    });
    this.stopRecording = stop ?? null;
    this.timer = setInterval(() => this.flush(), this.flushMs);
  }

  /** A fresh full snapshot (the volunteer rejoined, or the masking changed). */
  resnapshot(): void {
    if (!this.record || this.stopped) return;
    this.record.takeFullSnapshot(true);
  }

  /** The resident shows (true) or hides (false) their data; applies from a new snapshot. */
  setRevealed(revealed: boolean): void {
    if (this.revealed === revealed) return;
    this.revealed = revealed;
    this.resnapshot();
  }

  get isRevealed(): boolean {
    return this.revealed;
  }

  private flush(): void {
    if (!this.queue.length) return;
    const events = this.queue;
    this.queue = [];
    const batches = packEvents(events, () => crypto.randomUUID());
    // One batch after the other: parts of a cut snapshot must arrive in order.
    this.sending = this.sending.then(async () => {
      for (const b of batches) {
        if (this.stopped) return;
        try {
          await this.send(b);
          this.stats.messages++;
        } catch {
          this.stats.failed++;
        }
      }
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopRecording?.();
    this.stopRecording = null;
    this.queue = [];
  }
}

/**
 * Typing by the volunteer, once the resident has allowed it: puts `text` into
 * the text field `selector` names, as if typed (React sees an input event).
 * Only plain text fields of the resident's screen; never the help panel's.
 */
export function applyRemoteInput(selector: string, text: string, doc: Document = document): boolean {
  let el: Element | null;
  try {
    el = doc.querySelector(selector);
  } catch {
    return false;
  }
  const view = doc.defaultView;
  if (!el || !view) return false;
  const isField = el instanceof view.HTMLTextAreaElement || (el instanceof view.HTMLInputElement && ['text', 'search', 'tel', 'number', ''].includes(el.type));
  if (!isField) return false;
  const field = el as HTMLInputElement | HTMLTextAreaElement;
  if (field.disabled || field.readOnly || field.closest('.help-panel')) return false;
  const max = field.maxLength > 0 ? field.maxLength : 500;
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set;
  if (!setter) return false;
  setter.call(field, text.slice(0, max));
  field.dispatchEvent(new view.Event('input', { bubbles: true }));
  return true;
}
