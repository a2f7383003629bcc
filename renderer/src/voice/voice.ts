/**
 * Voice guidance: read a screen's heading and instruction aloud.
 * Layer: renderer (browser APIs, no React).
 *
 * Web Speech when the browser has a voice for the language; otherwise the
 * kiosk's offline voice (`voice.speak` → WAV), played from a Blob URL that is
 * revoked as soon as it has played (CSP: media-src blob:).
 *
 * Only UI text is ever read or sent: the screen's <h1> and the elements marked
 * `data-voice` (instructions written by the kiosk), never an input's value.
 */
import type { KioskClient } from '../../../common/contract/client.ts';
import type { Lang } from '../i18n/index.ts';

/** The contract's limit for `voice.speak`. */
export const MAX_VOICE_CHARS = 400;

function clean(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** Cut at the last sentence end (or space) that fits. */
export function clip(text: string, max = MAX_VOICE_CHARS): string {
  const t = clean(text);
  if (t.length <= max) return t;
  const head = t.slice(0, max);
  const stop = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '));
  if (stop > max / 2) return head.slice(0, stop + 1);
  const space = head.lastIndexOf(' ');
  return space > 0 ? head.slice(0, space) : head;
}

/** Join parts into sentences: "Tìm dịch vụ" + "Xin ông/bà gõ…" → "Tìm dịch vụ. Xin ông/bà gõ…" */
export function sentences(parts: readonly string[]): string {
  return parts
    .map(clean)
    .filter((p) => p !== '')
    .map((p) => (/[.?!:…]$/.test(p) ? p : `${p}.`))
    .join(' ');
}

/** What "Đọc to" reads on the current screen: its heading and its instructions. */
export function screenText(root: ParentNode): string {
  const main = root.querySelector('main[data-screen]');
  if (!main) return '';
  const parts: string[] = [];
  const h1 = main.querySelector('h1');
  if (h1) parts.push(h1.textContent ?? '');
  for (const el of main.querySelectorAll('[data-voice]')) {
    // Never read what a resident typed, even if an input ended up inside an instruction.
    if (el.closest('input, textarea') || el.querySelector('input, textarea')) continue;
    parts.push(el.textContent ?? '');
  }
  return clip(sentences(parts));
}

export interface Speaker {
  /** Read a text; resolves false when nothing could be played. */
  speak(text: string, lang: Lang): Promise<boolean>;
  stop(): void;
}

function webSpeechVoice(lang: Lang): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  return speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().replace('_', '-').startsWith(lang)) ?? null;
}

export function createSpeaker(client: KioskClient): Speaker {
  let audio: HTMLAudioElement | null = null;
  let url: string | null = null;
  let turn = 0;

  function release(): void {
    if (audio) {
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
    }
    if (url) URL.revokeObjectURL(url);
    audio = null;
    url = null;
  }

  function stop(): void {
    turn++;
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    release();
  }

  async function speak(raw: string, lang: Lang): Promise<boolean> {
    stop();
    const mine = turn;
    const text = clip(raw);
    if (text === '') return false;
    const voice = webSpeechVoice(lang);
    if (voice) {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.9;
      speechSynthesis.speak(u);
      return true;
    }
    const r = await client.call('voice.speak', { text, lang });
    if (mine !== turn) return false; // another screen or tap came first
    const bytes = Uint8Array.from(atob(r.base64), (c) => c.charCodeAt(0));
    url = URL.createObjectURL(new Blob([bytes], { type: r.mime }));
    const a = new Audio(url);
    audio = a;
    const done = () => {
      if (audio === a) release();
    };
    a.addEventListener('ended', done, { once: true });
    a.addEventListener('error', done, { once: true });
    try {
      await a.play();
      return true;
    } catch {
      done();
      return false;
    }
  }

  return { speak, stop };
}
