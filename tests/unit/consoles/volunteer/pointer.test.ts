import { describe, expect, it } from 'vitest';
import { cssSelectorFor, fitScale, kioskPoint, MAX_SELECTOR, pointerFraction, type ElementLike } from '../../../../consoles/volunteer/pointer.ts';

/** A tiny element tree for the selector builder. */
function el(tagName: string, attrs: Record<string, string> = {}, children: FakeEl[] = []): FakeEl {
  const e = new FakeEl(tagName.toUpperCase(), attrs);
  for (const c of children) e.append(c);
  return e;
}
class FakeEl implements ElementLike {
  parentElement: FakeEl | null = null;
  children: FakeEl[] = [];
  constructor(
    readonly tagName: string,
    private readonly attrs: Record<string, string>,
  ) {}
  get id(): string {
    return this.attrs.id ?? '';
  }
  getAttribute(n: string): string | null {
    return this.attrs[n] ?? null;
  }
  get previousElementSibling(): FakeEl | null {
    const sib = this.parentElement?.children ?? [];
    const i = sib.indexOf(this);
    return i > 0 ? sib[i - 1]! : null;
  }
  append(c: FakeEl): void {
    c.parentElement = this;
    this.children.push(c);
  }
}

describe('pointer mapping', () => {
  it('maps a click on the scaled replay to 0..1 of the kiosk viewport', () => {
    const box = { left: 100, top: 50, width: 640, height: 400 }; // a 1280×800 kiosk at scale 0.5
    expect(pointerFraction(100, 50, box)).toEqual({ x: 0, y: 0 });
    expect(pointerFraction(740, 450, box)).toEqual({ x: 1, y: 1 });
    const f = pointerFraction(420, 250, box)!;
    expect(f).toEqual({ x: 0.5, y: 0.5 });
    expect(kioskPoint(f, { width: 1280, height: 800 })).toEqual({ x: 640, y: 400 });
    expect(pointerFraction(99, 60, box)).toBeNull();
    expect(pointerFraction(300, 451, box)).toBeNull();
    expect(pointerFraction(300, 300, { left: 0, top: 0, width: 0, height: 0 })).toBeNull();
  });

  it('fits the kiosk viewport in the panel, never enlarging', () => {
    expect(fitScale({ width: 1920, height: 1080 }, { width: 960, height: 800 })).toEqual({ scale: 0.5, width: 960, height: 540 });
    expect(fitScale({ width: 1920, height: 1080 }, { width: 960, height: 270 })).toEqual({ scale: 0.25, width: 480, height: 270 });
    expect(fitScale({ width: 800, height: 600 }, { width: 2000, height: 2000 }).scale).toBe(1);
  });

  it('builds a selector from the nearest anchor, else a nth-of-type path', () => {
    const button = el('button', { 'data-testid': 'next-step' });
    const span = el('span');
    const inner = el('button', {}, [span]);
    const input = el('input', { name: 'idNumber' });
    const body = el('body', {}, [el('div', {}, [el('p'), el('p', {}, [inner]), button]), el('form', { id: 'f1' }, [el('label', {}, [input])])]);
    el('html', {}, [body]);
    expect(cssSelectorFor(button)).toBe('[data-testid="next-step"]');
    expect(cssSelectorFor(span)).toBe('body > div:nth-of-type(1) > p:nth-of-type(2) > button:nth-of-type(1) > span:nth-of-type(1)');
    expect(cssSelectorFor(input)).toBe('input[name="idNumber"]');
    // A non-unique anchor is skipped for the next one up.
    expect(cssSelectorFor(input, (s) => s !== 'input[name="idNumber"]')).toBe('#f1 > label:nth-of-type(1) > input:nth-of-type(1)');
    expect(cssSelectorFor(el('div', { 'data-testid': 'a"b' }))).toBe('[data-testid="a\\"b"]');
    expect(cssSelectorFor(null)).toBeNull();
  });

  it('keeps selectors within the contract limit', () => {
    let leaf = el('span');
    let top = leaf;
    for (let i = 0; i < 60; i++) top = el('div', {}, [top]);
    el('body', {}, [top]);
    const sel = cssSelectorFor(leaf)!;
    expect(sel.length).toBeLessThanOrEqual(MAX_SELECTOR);
    expect(sel.endsWith('span:nth-of-type(1)')).toBe(true);
    leaf = el('b');
    expect(cssSelectorFor(leaf, () => false)).toBeNull();
  });
});
