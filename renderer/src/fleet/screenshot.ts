/**
 * A screenshot for ward staff (the hub's `screenshot` command): one rrweb
 * snapshot of the screen, masked exactly like the help call's live view
 * (maskedRecordOptions: never revealed here), stripped of anything that would
 * be fetched from the kiosk, sent to the kiosk services in parts that fit a
 * message. While a help call records the screen, rrweb's one recorder is
 * busy: the answer is empty and staff see that the kiosk could not take it.
 * Layer: renderer (browser APIs).
 */
import type { KioskClient } from '../../../common/contract/client.ts';
import { packEvents, stripEventResources, type RrEvent } from '../../../common/contract/liveview-wire.ts';
import { isLiveRecording, maskedRecordOptions } from '../help/liveview.ts';

export async function takeMaskedSnapshot(): Promise<RrEvent[]> {
  if (isLiveRecording()) return [];
  const { record } = await import('@rrweb/record');
  const events: RrEvent[] = [];
  // rrweb takes the full snapshot as recording starts (the document is loaded by now).
  const stop = record({ emit: (e) => events.push(stripEventResources(e as unknown as RrEvent)), ...maskedRecordOptions(() => false) });
  stop?.();
  return events;
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
