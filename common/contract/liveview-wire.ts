/**
 * How the kiosk's live view travels: rrweb events in `liveview` messages of
 * at most LIVEVIEW_BATCH_BYTES (the hub takes ≤ 64 KiB per message, the
 * renderer↔services carriers too). A full snapshot of the kiosk screen with
 * its stylesheet inlined is larger than that, so an event too big for one
 * message is cut into rrweb *custom* events (type 5, tag LIVEVIEW_PART_TAG)
 * carrying slices of its JSON; the console puts them back together before
 * replaying. The hub relays both kinds without looking inside.
 *
 * Also here, because both ends must agree: what is stripped from the
 * kiosk's CSS before it leaves (web fonts and every url(): the volunteer's
 * browser must not fetch anything from the kiosk's origin, and nothing about
 * the kiosk's files needs to leave it).
 * Layer: common (no DOM, no Node).
 */

export const LIVEVIEW_PART_TAG = 'ward-kiosk/part';
/** Bytes of event JSON per `liveview` message (the envelope adds < 200). */
export const LIVEVIEW_BATCH_BYTES = 40_000;
/** rrweb's limits in the contract: ≤ 500 events per message. */
export const LIVEVIEW_MAX_EVENTS = 500;
/** The console drops an event whose parts add up to more than this. */
export const LIVEVIEW_MAX_EVENT_BYTES = 4 * 1024 * 1024;

export interface RrEvent {
  type: number;
  data: unknown;
  timestamp: number;
  delay?: number;
}

/** rrweb EventType numbers used here. */
export const RR_FULL_SNAPSHOT = 2;
export const RR_CUSTOM = 5;
export const RR_META = 4;

interface PartPayload {
  id: string;
  index: number;
  count: number;
  text: string;
}

const encoder = new TextEncoder();
const bytes = (s: string) => encoder.encode(s).length;

/** Slices `text` so that each slice's JSON string is ≤ max bytes (never splits a surrogate pair). */
function slice(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let len = Math.min(text.length - start, Math.floor(max / 3));
    // Grow while it fits (ASCII-heavy CSS fits ~3× more), shrink if it does not.
    while (start + len < text.length && bytes(JSON.stringify(text.slice(start, start + Math.min(text.length - start, len * 2)))) <= max) len = Math.min(text.length - start, len * 2);
    while (len > 1 && bytes(JSON.stringify(text.slice(start, start + len))) > max) len = Math.floor(len / 2);
    let end = start + len;
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--; // keep a surrogate pair together
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/**
 * Groups events into messages of ≤ maxBytes of JSON and ≤ LIVEVIEW_MAX_EVENTS
 * events; an event that alone exceeds maxBytes becomes part events, one message each.
 */
export function packEvents(events: readonly RrEvent[], newId: () => string, maxBytes = LIVEVIEW_BATCH_BYTES): RrEvent[][] {
  const batches: RrEvent[][] = [];
  let current: RrEvent[] = [];
  let size = 2;
  const flush = () => {
    if (current.length) batches.push(current);
    current = [];
    size = 2;
  };
  for (const e of events) {
    const json = JSON.stringify(e);
    const n = bytes(json) + 1;
    if (n > maxBytes) {
      flush();
      const id = newId();
      const slices = slice(json, maxBytes - 300);
      slices.forEach((text, index) => {
        const payload: PartPayload = { id, index, count: slices.length, text };
        batches.push([{ type: RR_CUSTOM, timestamp: e.timestamp, data: { tag: LIVEVIEW_PART_TAG, payload } }]);
      });
      continue;
    }
    if (size + n > maxBytes || current.length >= LIVEVIEW_MAX_EVENTS) flush();
    current.push(e);
    size += n;
  }
  flush();
  return batches;
}

function partOf(e: RrEvent): PartPayload | null {
  if (e.type !== RR_CUSTOM || typeof e.data !== 'object' || e.data === null) return null;
  const d = e.data as { tag?: unknown; payload?: unknown };
  if (d.tag !== LIVEVIEW_PART_TAG || typeof d.payload !== 'object' || d.payload === null) return null;
  const p = d.payload as Partial<PartPayload>;
  if (typeof p.id !== 'string' || p.id.length > 64 || typeof p.text !== 'string') return null;
  if (!Number.isInteger(p.index) || !Number.isInteger(p.count) || p.count! < 1 || p.count! > 1000 || p.index! < 0 || p.index! >= p.count!) return null;
  return p as PartPayload;
}

function isRrEvent(v: unknown): v is RrEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Partial<RrEvent>;
  return Number.isInteger(e.type) && e.type! >= 0 && e.type! <= 64 && typeof e.timestamp === 'number' && 'data' in e;
}

/**
 * The console's side: passes ordinary events through and returns a cut event
 * once all its parts are in (in order; a new id abandons an unfinished one,
 * since a later snapshot supersedes it). Malformed parts are dropped.
 */
export class PartAssembler {
  private id: string | null = null;
  private parts: string[] = [];
  private got = 0;
  private size = 0;
  dropped = 0;

  add(e: RrEvent): RrEvent[] {
    if (e.type !== RR_CUSTOM) return [e];
    const data = e.data as { tag?: unknown } | null;
    if (!data || data.tag !== LIVEVIEW_PART_TAG) return [e];
    const p = partOf(e);
    if (!p) {
      this.dropped++;
      return [];
    }
    if (p.id !== this.id) {
      if (this.id !== null && this.got < this.parts.length) this.dropped++;
      this.id = p.id;
      this.parts = new Array<string>(p.count).fill('');
      this.got = 0;
      this.size = 0;
    }
    if (p.count !== this.parts.length || this.parts[p.index]) return [];
    this.size += p.text.length;
    if (this.size > LIVEVIEW_MAX_EVENT_BYTES) {
      this.reset();
      this.dropped++;
      return [];
    }
    this.parts[p.index] = p.text;
    this.got++;
    if (this.got < this.parts.length) return [];
    const json = this.parts.join('');
    this.reset();
    try {
      const whole: unknown = JSON.parse(json);
      if (isRrEvent(whole)) return [whole];
    } catch {
      /* fall through */
    }
    this.dropped++;
    return [];
  }

  private reset(): void {
    this.id = null;
    this.parts = [];
    this.got = 0;
    this.size = 0;
  }
}

/** Removes web fonts and every url() from CSS text (see the header). */
export function stripCssResources(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*\}/gi, '').replace(/url\(\s*(?:"[^"]*"|'[^']*'|[^)]*)\s*\)/gi, 'none');
}

type SnapNode = { attributes?: Record<string, unknown>; childNodes?: SnapNode[]; textContent?: unknown; isStyle?: boolean; type?: number; tagName?: string };

/** Elements whose `src`/`href` would make the volunteer's browser fetch from the kiosk. */
const FETCHING = new Set(['link', 'img', 'script', 'source', 'video', 'audio', 'iframe', 'embed', 'object', 'image', 'use']);

/** Applies stripCssResources to every stylesheet of a serialized rrweb node tree, drops scripts and resource links (in place). */
function stripTree(node: SnapNode | undefined, depth = 0): void {
  if (!node || depth > 512) return;
  if (node.childNodes) node.childNodes = node.childNodes.filter((c) => c.tagName !== 'script');
  if (node.attributes && node.tagName && FETCHING.has(node.tagName)) {
    for (const a of ['src', 'href', 'srcset', 'xlink:href']) {
      const v = node.attributes[a];
      if (typeof v === 'string' && !v.startsWith('data:')) delete node.attributes[a];
    }
  }
  const css = node.attributes?._cssText;
  if (typeof css === 'string') node.attributes!._cssText = stripCssResources(css);
  if (node.isStyle && typeof node.textContent === 'string') node.textContent = stripCssResources(node.textContent);
  const style = node.attributes?.style;
  if (typeof style === 'string' && /url\(/i.test(style)) node.attributes!.style = stripCssResources(style);
  for (const c of node.childNodes ?? []) stripTree(c, depth + 1);
}

/** The kiosk's side: strips CSS resources from a full snapshot or added nodes before the event leaves (in place). */
export function stripEventResources(e: RrEvent): RrEvent {
  const d = e.data as { node?: SnapNode; source?: number; adds?: { node?: SnapNode }[]; href?: unknown } | null;
  if (!d) return e;
  // The page's address (with the browser host's per-launch token in its fragment) stays on the kiosk.
  if (e.type === RR_META && typeof d.href === 'string') d.href = '';
  if (e.type === RR_FULL_SNAPSHOT) stripTree(d.node);
  else if (e.type === 3 && d.source === 0) for (const a of d.adds ?? []) stripTree(a.node);
  return e;
}
