import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyContentsPolicy, blockShortcuts, isBlockedInput } from '../../../electron/shell/navigation.ts';
import { FakeEvent, FakeWebContents } from './fake-electron.ts';

function hardened(): FakeWebContents {
  const wc = new FakeWebContents();
  applyContentsPolicy(wc as never);
  return wc;
}

describe('navigation policy', () => {
  it('#13 allows navigation inside app://kiosk/', () => {
    const wc = hardened();
    expect(wc.navigate('will-navigate', 'app://kiosk/index.html#/services')).toBe(false);
    expect(wc.navigate('will-frame-navigate', 'app://kiosk/')).toBe(false);
  });
  it('#13 denies navigation to other origins (will-navigate, will-frame-navigate, will-redirect)', () => {
    const wc = hardened();
    for (const kind of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      expect(wc.navigate(kind, 'https://example.com/'), kind).toBe(true);
      expect(wc.navigate(kind, 'file:///etc/passwd'), kind).toBe(true);
      expect(wc.navigate(kind, 'http://127.0.0.1:8080/'), kind).toBe(true);
    }
    expect(wc.navigate('will-frame-navigate', 'https://evil.example/', false)).toBe(true);
  });
  it('#13 parses URLs properly: look-alike origins are denied', () => {
    const wc = hardened();
    for (const url of [
      'app://kiosk.evil.example/',
      'app://kiosk@evil.example/',
      'app://evil.example/?next=app://kiosk/',
      'app://kiosk:8080/',
      'javascript:alert(1)//app://kiosk/',
      'data:text/html,app://kiosk/',
      'not a url',
      '',
    ]) {
      expect(wc.navigate('will-navigate', url), url).toBe(true);
    }
  });
  it('#13 reads the deprecated url argument when the event carries none', () => {
    const wc = hardened();
    const event = new FakeEvent();
    wc.emit('will-navigate', event, 'https://example.com/');
    expect(event.defaultPrevented).toBe(true);
  });
  it('#14 denies every new window (setWindowOpenHandler), even to app://kiosk/', () => {
    const wc = hardened();
    expect(wc.windowOpenHandler).toBeTypeOf('function');
    expect(wc.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'app://kiosk/' })).toEqual({ action: 'deny' });
  });
  it('#15 never hands a URL to shell.openExternal: no shell module use anywhere in electron/', () => {
    const root = path.resolve(import.meta.dirname, '../../../electron');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      // Code only: comments may name the API they avoid.
      const src = readFileSync(path.join(root, f), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(src, f).not.toMatch(/openExternal\s*\(/);
      expect(src, f).not.toMatch(/\bshell\s*\.\s*open/);
      expect(src, f).not.toMatch(/\bopenPath\s*\(/);
    }
  });
  it('#12 prevents every <webview> from attaching (will-attach-webview)', () => {
    const wc = hardened();
    const event = new FakeEvent();
    wc.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://example.com/' });
    expect(event.defaultPrevented).toBe(true);
  });
  it('is idempotent: applying twice installs one set of listeners', () => {
    const wc = new FakeWebContents();
    applyContentsPolicy(wc as never);
    applyContentsPolicy(wc as never);
    expect(wc.listenerCount('will-navigate')).toBe(1);
    expect(wc.listenerCount('will-attach-webview')).toBe(1);
  });
});

describe('blocked shortcuts (before-input-event)', () => {
  const blocked: Array<[string, Record<string, unknown>]> = [
    ['F5', { key: 'F5', code: 'F5' }],
    ['Ctrl+R', { key: 'r', code: 'KeyR', control: true }],
    ['Ctrl+Shift+R', { key: 'R', code: 'KeyR', control: true, shift: true }],
    ['F12', { key: 'F12', code: 'F12' }],
    ['Ctrl+Shift+I', { key: 'I', code: 'KeyI', control: true, shift: true }],
    ['Ctrl+Shift+J', { key: 'J', code: 'KeyJ', control: true, shift: true }],
    ['Ctrl+Shift+C', { key: 'C', code: 'KeyC', control: true, shift: true }],
    ['Ctrl+W', { key: 'w', code: 'KeyW', control: true }],
    ['Ctrl+Q', { key: 'q', code: 'KeyQ', control: true }],
    ['Alt+F4', { key: 'F4', code: 'F4', alt: true }],
    ['Ctrl+P', { key: 'p', code: 'KeyP', control: true }],
    ['Ctrl+L', { key: 'l', code: 'KeyL', control: true }],
    ['Ctrl+N', { key: 'n', code: 'KeyN', control: true }],
    ['Ctrl+T', { key: 't', code: 'KeyT', control: true }],
    ['Ctrl++', { key: '+', code: 'Equal', control: true, shift: true }],
    ['Ctrl+=', { key: '=', code: 'Equal', control: true }],
    ['Ctrl+-', { key: '-', code: 'Minus', control: true }],
    ['Ctrl+0', { key: '0', code: 'Digit0', control: true }],
    ['Ctrl+NumpadAdd', { key: '+', code: 'NumpadAdd', control: true }],
    ['Alt+Left', { key: 'ArrowLeft', code: 'ArrowLeft', alt: true }],
    ['Alt+Right', { key: 'ArrowRight', code: 'ArrowRight', alt: true }],
    ['Super', { key: 'Meta', code: 'MetaLeft', meta: true }],
    ['Super+D', { key: 'd', code: 'KeyD', meta: true }],
    ['BrowserBack', { key: 'BrowserBack', code: 'BrowserBack' }],
  ];
  it.each(blocked)('blocks %s', (_name, input) => {
    const wc = new FakeWebContents();
    blockShortcuts(wc as never);
    expect(wc.pressKey(input)).toBe(true);
  });
  const allowed: Array<[string, Record<string, unknown>]> = [
    ['a letter', { key: 'a', code: 'KeyA' }],
    ['a Vietnamese letter', { key: 'ư', code: 'BracketLeft' }],
    ['Shift+A', { key: 'A', code: 'KeyA', shift: true }],
    ['Backspace', { key: 'Backspace', code: 'Backspace' }],
    ['Enter', { key: 'Enter', code: 'Enter' }],
    ['Tab', { key: 'Tab', code: 'Tab' }],
    ['a digit', { key: '7', code: 'Digit7' }],
    ['Ctrl+A', { key: 'a', code: 'KeyA', control: true }],
  ];
  it.each(allowed)('lets %s through', (_name, input) => {
    const wc = new FakeWebContents();
    blockShortcuts(wc as never);
    expect(wc.pressKey(input)).toBe(false);
  });
  it('only looks at key-down events', () => {
    expect(isBlockedInput({ type: 'keyUp', key: 'F5', code: 'F5', control: false, shift: false, alt: false, meta: false })).toBe(false);
    expect(isBlockedInput({ type: 'rawKeyDown', key: 'F5', code: 'F5', control: false, shift: false, alt: false, meta: false })).toBe(true);
  });
});
