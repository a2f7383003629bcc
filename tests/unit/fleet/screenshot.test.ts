import { describe, expect, it } from 'vitest';
import { packEvents, type RrEvent } from '../../../common/contract/liveview-wire.ts';
import { ScreenshotCollector } from '../../../services/fleet/screenshot.ts';

const snapshot = (textBytes: number): RrEvent[] => [
  { type: 4, timestamp: 1, data: { href: '', width: 1920, height: 1080 } },
  { type: 2, timestamp: 2, data: { node: { type: 0, childNodes: [{ type: 3, textContent: 'Bước 2/6 '.repeat(Math.ceil(textBytes / 10)) }] } } },
];

describe('screenshot collector (kiosk services)', () => {
  it('asks the renderer, reassembles the parts, and resolves with the events', async () => {
    const c = new ScreenshotCollector();
    const events = snapshot(150_000);
    let asked = '';
    const result = c.request((id) => (asked = id), 5000);
    const batches = packEvents(events, () => 'p1');
    expect(batches.length).toBeGreaterThan(2);
    batches.forEach((b, i) => expect(c.part(asked, b, i === batches.length - 1)).toBe(true));
    expect(JSON.parse((await result)!)).toEqual(events);
  });

  it('gives null when the renderer does not answer in time, and refuses late or unknown parts', async () => {
    const c = new ScreenshotCollector();
    let asked = '';
    const result = c.request((id) => (asked = id), 50);
    expect(await result).toBeNull();
    expect(c.part(asked, snapshot(10), true)).toBe(false);
    expect(c.part('00000000-0000-4000-8000-000000000000', snapshot(10), true)).toBe(false);
  });

  it('gives null for an answer with no full snapshot (a help call was recording) or one too big', async () => {
    const c = new ScreenshotCollector();
    let asked = '';
    const empty = c.request((id) => (asked = id));
    c.part(asked, [], true);
    expect(await empty).toBeNull();
    const big = c.request((id) => (asked = id));
    const batches = packEvents(snapshot(4 * 1024 * 1024), () => 'big');
    let accepted = true;
    for (const [i, b] of batches.entries()) accepted = c.part(asked, b, i === batches.length - 1) && accepted;
    expect(accepted).toBe(false);
    expect(await big).toBeNull();
  });

  it('a newer request replaces an older one', async () => {
    const c = new ScreenshotCollector();
    const first = c.request(() => undefined);
    let asked = '';
    const second = c.request((id) => (asked = id));
    expect(await first).toBeNull();
    c.part(asked, snapshot(10), true);
    expect(await second).not.toBeNull();
  });
});
