import { describe, expect, it } from 'vitest';
import { KioskToHub } from '../../../common/contract/hub-kiosk.ts';
import { MAX_HUB_MESSAGE_BYTES } from '../../../common/contract/hub-common.ts';
import { LIVEVIEW_PART_TAG, packEvents, PartAssembler, stripCssResources, stripEventResources, type RrEvent } from '../../../common/contract/liveview-wire.ts';

const callId = '3b241101-e2bb-4255-8caf-4136c566a962';
let n = 0;
const newId = () => `part-${++n}`;

/** A full snapshot like the kiosk's: a tree with a big inlined stylesheet and Vietnamese text. */
function bigSnapshot(cssBytes: number): RrEvent {
  const css = `@font-face{font-family:"Be Vietnam Pro";src:url(http://127.0.0.1:4610/assets/f.woff2) format("woff2")} ` + '.a{color:#123456;background:url("/assets/x.svg")} '.repeat(Math.ceil(cssBytes / 50));
  return {
    type: 2,
    timestamp: 1000,
    data: {
      node: {
        type: 0,
        childNodes: [
          { type: 2, tagName: 'link', attributes: { rel: 'stylesheet', _cssText: css }, childNodes: [] },
          { type: 2, tagName: 'h1', attributes: { style: 'background-image:url(/x.png)' }, childNodes: [{ type: 3, textContent: 'Đăng ký khai sinh — Bước 3/7 '.repeat(200) }] },
        ],
      },
      initialOffset: { top: 0, left: 0 },
    },
  };
}

describe('live view on the wire', () => {
  it('packs small events into messages the hub accepts', () => {
    const events: RrEvent[] = Array.from({ length: 1200 }, (_, i) => ({ type: 3, timestamp: i, data: { source: 2, type: 2, id: i, x: 1, y: 2 } }));
    const batches = packEvents(events, newId);
    expect(batches.length).toBeGreaterThanOrEqual(3); // ≤ 500 events per message
    expect(batches.flat()).toEqual(events);
    for (const b of batches) {
      const msg = { type: 'liveview', seq: 1, callId, events: b };
      expect(KioskToHub.safeParse(msg).success).toBe(true);
      expect(Buffer.byteLength(JSON.stringify(msg))).toBeLessThan(MAX_HUB_MESSAGE_BYTES);
    }
  });

  it('cuts a full snapshot bigger than a message into parts and puts it back together', () => {
    const snap = bigSnapshot(200_000);
    const before = { type: 4, timestamp: 999, data: { href: 'x', width: 1920, height: 1080 } };
    const after = { type: 3, timestamp: 1001, data: { source: 0, texts: [], attributes: [], removes: [], adds: [] } };
    const batches = packEvents([before, snap, after], newId);
    expect(batches.length).toBeGreaterThan(5);
    for (const b of batches) {
      const msg = { type: 'liveview', seq: 1, callId, events: b };
      expect(KioskToHub.safeParse(msg).success).toBe(true);
      expect(Buffer.byteLength(JSON.stringify(msg))).toBeLessThan(MAX_HUB_MESSAGE_BYTES);
    }
    const a = new PartAssembler();
    const out = batches.flat().flatMap((e) => a.add(e));
    expect(out).toEqual([before, snap, after]);
    expect(a.dropped).toBe(0);
  });

  it('keeps multi-byte text and surrogate pairs intact across cuts', () => {
    const text = 'Nguyễn Thị Ánh 👵🏻 '.repeat(20_000);
    const e: RrEvent = { type: 2, timestamp: 5, data: { node: { type: 3, textContent: text } } };
    const a = new PartAssembler();
    const out = packEvents([e], newId, 10_000).flat().flatMap((p) => a.add(p));
    expect(out).toEqual([e]);
  });

  it('drops malformed, oversized or unfinished parts without throwing', () => {
    const a = new PartAssembler();
    const part = (payload: unknown): RrEvent => ({ type: 5, timestamp: 1, data: { tag: LIVEVIEW_PART_TAG, payload } });
    expect(a.add(part({ id: 'x', index: 3, count: 2, text: 'a' }))).toEqual([]);
    expect(a.add(part({ id: 'x', index: 0, count: 1, text: '{not json' }))).toEqual([]);
    expect(a.add(part(null))).toEqual([]);
    // An unfinished event is abandoned when a newer one starts.
    expect(a.add(part({ id: 'y', index: 0, count: 2, text: '{"type":2,' }))).toEqual([]);
    const whole = { type: 2, timestamp: 3, data: {} };
    expect(a.add(part({ id: 'z', index: 0, count: 1, text: JSON.stringify(whole) }))).toEqual([whole]);
    // A part claiming more than the size limit is dropped.
    expect(a.add(part({ id: 'big', index: 0, count: 2, text: 'x'.repeat(5 * 1024 * 1024) }))).toEqual([]);
    expect(a.dropped).toBe(5);
    // Other custom events pass through untouched.
    const other = { type: 5, timestamp: 9, data: { tag: 'something-else', payload: 1 } };
    expect(a.add(other)).toEqual([other]);
  });

  it('strips web fonts and url()s from the kiosk CSS before it leaves', () => {
    expect(stripCssResources('@font-face{font-family:X;src:url(a.woff2)} .a{background:url("b.png") no-repeat;color:red}')).toBe(' .a{background:none no-repeat;color:red}');
    const snap = stripEventResources(bigSnapshot(1000));
    const json = JSON.stringify(snap);
    expect(json).not.toMatch(/url\(|@font-face|127\.0\.0\.1/);
    expect(json).toContain('Đăng ký khai sinh');
    // Nodes added later are stripped too.
    const added = stripEventResources({ type: 3, timestamp: 1, data: { source: 0, adds: [{ parentId: 1, node: { type: 2, tagName: 'style', attributes: { _cssText: '.x{background:url(/y.png)}' } } }] } });
    expect(JSON.stringify(added)).not.toContain('url(');
  });
});

describe('live view: nothing fetched from the kiosk', () => {
  it('drops scripts and the src/href of resource elements, keeps data: images and inlined CSS', () => {
    const e = stripEventResources({
      type: 2,
      timestamp: 1,
      data: {
        node: {
          type: 2,
          tagName: 'html',
          childNodes: [
            { type: 2, tagName: 'link', attributes: { rel: 'icon', href: 'http://127.0.0.1:4610/assets/favicon.svg' }, childNodes: [] },
            { type: 2, tagName: 'link', attributes: { rel: 'stylesheet', href: 'http://127.0.0.1:4610/assets/index.css', _cssText: '.a{color:red}' }, childNodes: [] },
            { type: 2, tagName: 'script', attributes: { src: '/assets/index.js' }, childNodes: [] },
            { type: 2, tagName: 'img', attributes: { src: 'data:image/png;base64,AAAA' }, childNodes: [] },
            { type: 2, tagName: 'a', attributes: { href: 'https://dichvucong.gov.vn' }, childNodes: [] },
          ],
        },
      },
    });
    const json = JSON.stringify(e);
    expect(json).not.toContain('127.0.0.1');
    expect(json).not.toContain('"script"');
    expect(json).toContain('data:image/png;base64,AAAA');
    expect(json).toContain('.a{color:red}');
    expect(json).toContain('https://dichvucong.gov.vn');
  });
});

describe('live view: the kiosk’s address stays on the kiosk', () => {
  it('blanks the page address of a Meta event (the browser host puts its token there)', () => {
    const e = stripEventResources({ type: 4, timestamp: 1, data: { href: 'http://127.0.0.1:4610/#token=Fw4h1yCn5eO14iIsP1HPpOLL6EQ87R8k', width: 1920, height: 1080 } });
    expect(e.data).toEqual({ href: '', width: 1920, height: 1080 });
  });
});
