/**
 * Pointing at the kiosk screen from the live view: a click on the (scaled)
 * replay maps to x, y in 0..1 of the kiosk viewport, and to a CSS selector of
 * the element under it in the replayed DOM (the kiosk highlights it).
 * Pure functions over a minimal element interface (unit-tested without a DOM).
 * Layer: browser-free TypeScript.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Click position → fractions of the replay's on-screen box (clamped to 0..1); null outside it. */
export function pointerFraction(clientX: number, clientY: number, box: Rect): { x: number; y: number } | null {
  if (!(box.width > 0) || !(box.height > 0)) return null;
  const fx = (clientX - box.left) / box.width;
  const fy = (clientY - box.top) / box.height;
  if (fx < -0.001 || fy < -0.001 || fx > 1.001 || fy > 1.001) return null;
  const clamp = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;
  return { x: clamp(fx), y: clamp(fy) };
}

/** Fractions → a point in the kiosk's own CSS pixels. */
export function kioskPoint(f: { x: number; y: number }, viewport: { width: number; height: number }): { x: number; y: number } {
  return { x: f.x * viewport.width, y: f.y * viewport.height };
}

/** The scale that fits a kiosk viewport into a panel (never above 1), and the resulting box. */
export function fitScale(viewport: { width: number; height: number }, panel: { width: number; height: number }): { scale: number; width: number; height: number } {
  if (!(viewport.width > 0) || !(viewport.height > 0) || !(panel.width > 0)) return { scale: 1, width: viewport.width, height: viewport.height };
  const byW = panel.width / viewport.width;
  const byH = panel.height > 0 ? panel.height / viewport.height : byW;
  const scale = Math.min(1, byW, byH);
  return { scale, width: Math.round(viewport.width * scale), height: Math.round(viewport.height * scale) };
}

/** The element interface the selector builder needs (a subset of DOM Element). */
export interface ElementLike {
  readonly tagName: string;
  readonly id: string;
  readonly parentElement: ElementLike | null;
  getAttribute(name: string): string | null;
  readonly previousElementSibling: ElementLike | null;
}

export const MAX_SELECTOR = 256;
const SIMPLE_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;
const ANCHOR_ATTRS = ['data-testid', 'name', 'aria-label'] as const;

function quoteAttr(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
}

function nthOfType(el: ElementLike): number {
  let n = 1;
  for (let s = el.previousElementSibling; s; s = s.previousElementSibling) if (s.tagName === el.tagName) n++;
  return n;
}

/**
 * A CSS selector for `el`: the nearest anchor (data-testid, a simple id, a
 * form field name) then `tag:nth-of-type(n)` steps down to the element.
 * `unique(sel)` says whether a candidate matches exactly one element (in the
 * replay document); without it the first anchor is trusted. Null if nothing
 * fits within MAX_SELECTOR characters or the element is the document root.
 */
export function cssSelectorFor(el: ElementLike | null, unique: (sel: string) => boolean = () => true): string | null {
  if (!el) return null;
  const steps: string[] = [];
  for (let cur: ElementLike | null = el; cur; cur = cur.parentElement) {
    const tag = cur.tagName.toLowerCase();
    if (tag === 'html' || tag === 'body') break;
    let anchor: string | null = null;
    for (const attr of ANCHOR_ATTRS) {
      const v = cur.getAttribute(attr);
      if (v && v.length <= 120) {
        const cand = attr === 'data-testid' ? `[data-testid=${quoteAttr(v)}]` : `${tag}[${attr}=${quoteAttr(v)}]`;
        if (unique(cand)) {
          anchor = cand;
          break;
        }
      }
    }
    if (!anchor && cur.id && SIMPLE_ID.test(cur.id) && cur.id.length <= 100 && !cur.id.startsWith('rr')) {
      const cand = `#${cur.id}`;
      if (unique(cand)) anchor = cand;
    }
    if (anchor) {
      steps.unshift(anchor);
      break;
    }
    steps.unshift(`${tag}:nth-of-type(${nthOfType(cur)})`);
    if (cur.parentElement && ['html', 'body'].includes(cur.parentElement.tagName.toLowerCase())) steps.unshift(cur.parentElement.tagName.toLowerCase());
  }
  if (steps.length === 0) return null;
  // Long paths: keep the element end (the kiosk needs the element, not the anchor).
  let sel = steps.join(' > ');
  while (sel.length > MAX_SELECTOR && steps.length > 1) {
    steps.shift();
    sel = steps.join(' > ');
  }
  if (sel.length > MAX_SELECTOR) return null;
  return unique(sel) ? sel : null;
}
