/**
 * The live view: the kiosk's rrweb events (masked on the kiosk before they
 * leave it) replayed in live mode, scaled to fit the panel. Nothing is shown
 * until a full snapshot arrives (events before one cannot be applied; the kiosk
 * sends a new one when the volunteer (re)joins). Click → pointer (see pointer.ts).
 * Layer: browser (DOM).
 */
import { Replayer } from '@rrweb/replay';
import '@rrweb/replay/dist/style.css';
import { PartAssembler } from '../../common/contract/liveview-wire.ts';
import { cssSelectorFor, fitScale, pointerFraction, type ElementLike } from './pointer.ts';

/** rrweb EventType numbers. */
const FULL_SNAPSHOT = 2;
const META = 4;

type RrEvent = { type: number; data: unknown; timestamp: number; delay?: number };

export interface LivePoint {
  x: number;
  y: number;
  selector: string | null;
}

export class LiveView {
  private replayer: Replayer | null = null;
  private viewport: { width: number; height: number } | null = null;
  private waitingMeta: RrEvent | null = null;
  /** A full snapshot too big for one message arrives cut in parts (liveview-wire.ts). */
  private parts = new PartAssembler();
  private readonly observer: ResizeObserver;
  events = 0;
  hasScreen = false;

  constructor(
    private readonly panel: HTMLElement,
    private readonly stage: HTMLElement,
    private readonly root: HTMLElement,
    private readonly onScreen: (has: boolean) => void,
  ) {
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(panel);
  }

  /** A `liveview` batch from the hub. */
  add(batch: RrEvent[]): void {
    for (const e of batch.flatMap((raw) => this.parts.add(raw))) {
      this.events++;
      if (e.type === META) {
        this.waitingMeta = e;
        const d = e.data as { width?: number; height?: number };
        if (d.width && d.height) this.viewport = { width: d.width, height: d.height };
      }
      if (e.type === FULL_SNAPSHOT && this.replayer) {
        // A new whole screen (the volunteer rejoined, or the resident changed what is masked):
        // a fresh replayer, rather than rewriting the sandboxed document in place.
        this.replayer.destroy();
        this.replayer = null;
      }
      if (!this.replayer) {
        if (e.type !== FULL_SNAPSHOT) continue; // nothing to apply incremental events to yet
        this.replayer = new Replayer([], { root: this.root, liveMode: true, mouseTail: false, showWarning: false, triggerFocus: false, UNSAFE_replayCanvas: false });
        this.replayer.on('resize', (d) => {
          const v = d as { width: number; height: number };
          this.viewport = { width: v.width, height: v.height };
          this.fit();
        });
        // Kiosk clock as the baseline: events play as they come, whatever the clock skew.
        this.replayer.startLive((this.waitingMeta?.timestamp ?? e.timestamp) - 1);
        if (this.waitingMeta) this.replayer.addEvent(this.waitingMeta);
      }
      this.replayer.addEvent(e);
      if (e.type === FULL_SNAPSHOT && !this.hasScreen) {
        this.hasScreen = true;
        this.onScreen(true);
      }
    }
    this.fit();
  }

  /** Scales the replay to the panel (CSSOM only: allowed by the hub's CSP). */
  fit(): void {
    const wrapper = this.replayer?.wrapper;
    if (!wrapper || !this.viewport) return;
    const { scale, width, height } = fitScale(this.viewport, { width: this.panel.clientWidth, height: this.panel.clientHeight });
    wrapper.style.transformOrigin = '0 0';
    wrapper.style.transform = `scale(${scale})`;
    this.stage.style.width = `${width}px`;
    this.stage.style.height = `${height}px`;
  }

  /** Maps a click to kiosk fractions and the element under it in the replayed DOM. */
  pointAt(clientX: number, clientY: number): LivePoint | null {
    const iframe = this.replayer?.iframe;
    if (!iframe || !this.viewport) return null;
    const f = pointerFraction(clientX, clientY, iframe.getBoundingClientRect());
    if (!f) return null;
    let selector: string | null = null;
    try {
      const doc = iframe.contentDocument;
      const el = doc?.elementFromPoint(f.x * this.viewport.width, f.y * this.viewport.height) ?? null;
      if (doc && el) {
        selector = cssSelectorFor(el as unknown as ElementLike, (sel) => {
          try {
            return doc.querySelectorAll(sel).length === 1;
          } catch {
            return false;
          }
        });
      }
    } catch {
      selector = null;
    }
    return { ...f, selector };
  }

  /** Whether the element a selector names is a text field (for remote typing). */
  isTextField(selector: string): boolean {
    try {
      const el = this.replayer?.iframe.contentDocument?.querySelector(selector);
      if (!el) return false;
      const tag = el.tagName.toLowerCase();
      return tag === 'textarea' || (tag === 'input' && !['checkbox', 'radio', 'button', 'submit', 'file', 'hidden', 'image', 'reset'].includes((el.getAttribute('type') ?? 'text').toLowerCase()));
    } catch {
      return false;
    }
  }

  /** A new call (or the kiosk re-sent a full snapshot after a reload): start over. */
  reset(): void {
    this.replayer?.destroy();
    this.replayer = null;
    this.waitingMeta = null;
    this.parts = new PartAssembler();
    this.hasScreen = false;
    this.events = 0;
    this.onScreen(false);
  }

  destroy(): void {
    this.observer.disconnect();
    try {
      this.replayer?.destroy();
    } catch {
      /* already gone */
    }
    this.replayer = null;
  }
}
