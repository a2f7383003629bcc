/**
 * A screenshot for ward staff, on their request: the kiosk services ask the
 * renderer (event `fleet.screenshot`) for a snapshot of its screen, recorded
 * and masked in the renderer exactly as the help call's live view is (inputs
 * and `.lv-private` text as asterisks, nothing fetched from the kiosk), and
 * collect it in parts (`fleet.screenshotPart`, ≤ 64 KiB each over either
 * carrier; a big full snapshot arrives cut as in liveview-wire.ts). The result
 * is the rrweb events as JSON, which the agent uploads to the hub.
 * Layer: node.
 */
import { randomUUID } from 'node:crypto';
import { PartAssembler, type RrEvent } from '../../common/contract/liveview-wire.ts';

/** The hub takes ≤ 4 MiB per screenshot. */
export const MAX_SCREENSHOT_BYTES = 3 * 1024 * 1024;

interface Pending {
  id: string;
  parts: PartAssembler;
  events: RrEvent[];
  bytes: number;
  resolve: (json: string | null) => void;
  timer: NodeJS.Timeout;
}

export class ScreenshotCollector {
  private pending: Pending | null = null;

  /** Asks the renderer (through `ask`) and resolves with the events as JSON, or null (no answer in time, too big, nothing usable). */
  request(ask: (requestId: string) => void, timeoutMs = 10_000): Promise<string | null> {
    this.finish(null); // one at a time: a newer request replaces an older one
    return new Promise((resolve) => {
      const id = randomUUID();
      const timer = setTimeout(() => this.finish(null), timeoutMs);
      timer.unref();
      this.pending = { id, parts: new PartAssembler(), events: [], bytes: 0, resolve, timer };
      ask(id);
    });
  }

  /** A part from the renderer; false when no such request is open (late, unknown or already too big). */
  part(requestId: string, events: readonly RrEvent[], last: boolean): boolean {
    const p = this.pending;
    if (!p || p.id !== requestId) return false;
    for (const e of events) {
      for (const whole of p.parts.add(e)) {
        p.bytes += JSON.stringify(whole).length;
        p.events.push(whole);
      }
    }
    if (p.bytes > MAX_SCREENSHOT_BYTES) {
      this.finish(null);
      return false;
    }
    if (last) this.finish(p.events.some((e) => e.type === 2) ? JSON.stringify(p.events) : null);
    return true;
  }

  private finish(result: string | null): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.resolve(result);
  }
}
