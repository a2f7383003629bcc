/**
 * A screenshot for ward staff (the hub's `screenshot` command): one rrweb
 * snapshot of the screen, masked exactly like the help call's live view
 * (maskedRecordOptions, always with the resident's data hidden — even while
 * they are showing it to a volunteer), stripped of anything that would be
 * fetched from the kiosk, sent to the kiosk services in parts that fit a
 * message.
 *
 * The snapshot is serialised by rrweb-snapshot with a mirror of its own, not
 * by starting a recorder: rrweb keeps one recorder per page, and during a
 * help call that one belongs to the live view (whose masking the resident
 * may have lifted). The events are the pair a recorder would emit first — a
 * Meta and a FullSnapshot — so the console replays them as before.
 * Layer: renderer (browser APIs).
 */
import type { KioskClient } from '../../../common/contract/client.ts';
import { packEvents, stripEventResources, type RrEvent } from '../../../common/contract/liveview-wire.ts';
import { maskedRecordOptions } from '../help/liveview.ts';

/** rrweb's event types for the two events of a screenshot. */
const FULL_SNAPSHOT = 2;
const META = 4;

export async function takeMaskedSnapshot(doc: Document = document): Promise<RrEvent[]> {
  const { snapshot, createMirror } = await import('rrweb-snapshot');
  const o = maskedRecordOptions(() => false);
  const node = snapshot(doc, {
    mirror: createMirror(),
    maskAllInputs: o.maskAllInputs,
    maskInputFn: o.maskInputFn,
    maskTextSelector: o.maskTextSelector,
    maskTextFn: o.maskTextFn,
    blockSelector: o.blockSelector,
    inlineImages: o.inlineImages,
    recordCanvas: o.recordCanvas,
    slimDOM: o.slimDOMOptions,
    inlineStylesheet: true,
  });
  if (!node) return [];
  const view = doc.defaultView;
  const timestamp = Date.now();
  const events = [
    { type: META, timestamp, data: { href: doc.location?.href ?? '', width: view?.innerWidth ?? 0, height: view?.innerHeight ?? 0 } },
    { type: FULL_SNAPSHOT, timestamp, data: { node, initialOffset: { left: view?.scrollX ?? 0, top: view?.scrollY ?? 0 } } },
  ];
  return events.map((e) => stripEventResources(e as unknown as RrEvent));
}

export async function sendScreenshot(client: KioskClient, requestId: string): Promise<void> {
  const events = await takeMaskedSnapshot().catch(() => []);
  const batches = packEvents(events, () => crypto.randomUUID());
  if (batches.length === 0) batches.push([]);
  for (let i = 0; i < batches.length; i++) {
    const r = await client.call('fleet.screenshotPart', { requestId, events: batches[i]!, last: i === batches.length - 1 });
    if (!r.accepted) return;
  }
}
