/**
 * Serving the built renderer safely — shared by the browser-mode host and the
 * Electron custom protocol (app://kiosk/). Layer: node.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The kiosk's Content-Security-Policy: only its own scripts, styles, fonts and
 * images; connections only back to itself (the loopback WebSocket carrier).
 * Media from blob: is for the camera preview and the help call (later issues).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), serial=(), hid=()',
  'Cache-Control': 'no-store',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Map a URL path onto a file under root, or null when it would leave root
 * (`..`, encoded `%2e%2e`, backslashes, NUL) or is malformed.
 * An empty path or a path ending in `/` means index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const rel = segments.length === 0 || decoded.endsWith('/') ? [...segments, 'index.html'] : segments;
  const absRoot = path.resolve(root);
  const file = path.resolve(absRoot, ...rel);
  if (file !== absRoot && !file.startsWith(absRoot + path.sep)) return null;
  return file;
}

export interface StaticFile {
  status: 200 | 404 | 400;
  body: Buffer;
  contentType: string;
}

/** Read a static file for a URL path; unknown paths fall back to 404, never to a directory listing. */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile> {
  const file = resolveStaticPath(root, urlPath);
  if (!file) return { status: 400, body: Buffer.from('Bad path'), contentType: 'text/plain; charset=utf-8' };
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new Error('not a file');
    const body = await readFile(file);
    return { status: 200, body, contentType: TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return { status: 404, body: Buffer.from('Not found'), contentType: 'text/plain; charset=utf-8' };
  }
}
