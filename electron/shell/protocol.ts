/**
 * app://kiosk/ — the built renderer served from a custom protocol instead of
 * file:// (checklist #18), with the kiosk's CSP and security headers (#7) on
 * every response, and `..` paths refused.
 * Layer: electron-main; the Electron API is injected.
 */
import { readStatic, SECURITY_HEADERS } from '../../services/static-files.ts';
import type { Protocol } from './types.ts';
import { APP_HOST, APP_SCHEME } from './types.ts';

/**
 * Must run before app 'ready'. standard: relative URLs and a real origin;
 * secure: a secure context (getUserMedia works, no mixed content);
 * supportFetchAPI: the renderer may fetch() its own assets.
 * No bypassCSP, no service workers, no code cache, no extensions.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function respond(status: number, body: Uint8Array<ArrayBuffer> | string, contentType: string, head: boolean): Response {
  const headers = new Headers(SECURITY_HEADERS);
  headers.set('Content-Type', contentType);
  return new Response(head ? null : body, { status, headers });
}

/** The request handler: only GET/HEAD on app://kiosk/…, files only from rendererDir. */
export function createAppProtocolHandler(rendererDir: string): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  return async (request) => {
    const method = request.method.toUpperCase();
    const head = method === 'HEAD';
    if (method !== 'GET' && !head) return respond(405, 'Method not allowed', 'text/plain; charset=utf-8', head);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return respond(400, 'Bad request', 'text/plain; charset=utf-8', head);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) {
      return respond(404, 'Not found', 'text/plain; charset=utf-8', head);
    }
    // Refuse traversal before the URL parser had a chance to hide it: the raw
    // request line may carry `..` that `new URL` would silently collapse.
    const rawPath = request.url.slice(request.url.indexOf(APP_HOST) + APP_HOST.length).split(/[?#]/)[0] ?? '';
    if (rawPath.split('/').some((seg) => seg === '..' || seg.toLowerCase() === '%2e%2e')) {
      return respond(400, 'Bad path', 'text/plain; charset=utf-8', head);
    }
    const file = await readStatic(rendererDir, url.pathname);
    return respond(file.status, new Uint8Array(file.body), file.contentType, head);
  };
}

/** Serve the renderer on the kiosk window's session (a partition needs its own registration). */
export function handleAppProtocol(sessionProtocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  const handler = createAppProtocolHandler(rendererDir);
  sessionProtocol.handle(APP_SCHEME, (request) => handler(request));
}
