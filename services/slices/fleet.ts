/** The fleet slice: the masked screenshots ward staff ask for, collected from the renderer in parts. Layer: node. */
import { ScreenshotCollector } from '../fleet/screenshot.ts';
import type { Handlers, KioskCore, Slice } from './slice.ts';

export class FleetSlice implements Slice<'fleet.screenshotPart'> {
  private readonly screenshots = new ScreenshotCollector();
  readonly handlers: Handlers<'fleet.screenshotPart'> = {
    'fleet.screenshotPart': ({ requestId, events, last }) => ({ accepted: this.screenshots.part(requestId, events, last) }),
  };

  constructor(private readonly core: KioskCore) {}

  /** Ask the renderer for a snapshot of its screen (the fleet agent's screenshot command). */
  screenshot(): Promise<string | null> {
    return this.screenshots.request((requestId) => this.core.emit('fleet.screenshot', { requestId }));
  }
}
