/** A Node WebSocket Transport for the browser-mode carrier (tests and benchmarks). */
import WebSocket from 'ws';
import type { Transport } from '../../common/contract/client.ts';
import { ServerFrame } from '../../common/contract/ws-frames.ts';

export async function connectWsTransport(baseUrl: string, token: string, origin?: string): Promise<Transport & { socket: WebSocket }> {
  const u = new URL(baseUrl);
  const socket = new WebSocket(`ws://${u.host}/api?token=${encodeURIComponent(token)}`, { origin: origin ?? `http://${u.host}` });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  let next = 1;
  const pending = new Map<number, (env: unknown) => void>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  socket.on('message', (data) => {
    const frame = ServerFrame.parse(JSON.parse(String(data)));
    if (frame.t === 'result') {
      if (frame.id === null) return;
      pending.get(frame.id)?.(frame.envelope);
      pending.delete(frame.id);
    } else for (const l of listeners) l(frame.event, frame.payload);
  });
  return {
    socket,
    call(method, params) {
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ t: 'call', id, method, params }));
      });
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      socket.close();
    },
  };
}
