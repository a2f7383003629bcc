/**
 * Offline voice guidance with Debian's espeak-ng (Vietnamese voices: vi,
 * vi-vn-x-central, vi-vn-x-south). Chromium on Linux often has no Web Speech
 * voice, so the renderer asks for this instead. Layer: node.
 *
 * The text goes in on stdin (never as an argument), the WAV comes back on
 * stdout; bounded in size and time.
 */
import { spawn } from 'node:child_process';
import { kioskError } from '../common/contract/kiosk-api.ts';

export const VOICES = { vi: 'vi', en: 'en' } as const;
const MAX_WAV_BYTES = 4 * 1024 * 1024;
const TIMEOUT_MS = 5000;

export interface VoiceOptions {
  command?: string;
  /** Words per minute: slower than espeak's 175 for elderly listeners. */
  speed?: number;
}

export function synthesize(text: string, lang: 'vi' | 'en', opts: VoiceOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(opts.command ?? 'espeak-ng', ['-v', VOICES[lang], '-s', String(opts.speed ?? 150), '--stdout'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', () => {
      clearTimeout(timer);
      reject(kioskError('E_UNAVAILABLE'));
    });
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_WAV_BYTES) child.kill('SIGKILL');
      else chunks.push(c);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const wav = Buffer.concat(chunks);
      if (code !== 0 || wav.length < 44 || wav.subarray(0, 4).toString('latin1') !== 'RIFF') reject(kioskError('E_UNAVAILABLE'));
      else resolve(wav);
    });
    child.stdin.on('error', () => undefined);
    // eslint-disable-next-line no-control-regex
    child.stdin.end(text.replace(/[\u0000-\u001f]+/g, ' '));
  });
}
