/** HTTP (cookie session) and the console WebSocket for the staff console. */
import type { HubToConsole } from '../../common/contract/hub-console.ts';
import { hubRequest } from '../http.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: unknown[] = [],
  ) {
    super(message);
  }
}

export async function api<T = any>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const r = await hubRequest(path, init);
  const json = r.json;
  if (!r.ok) throw new ApiError(r.status, json?.error?.code ?? 'error', json?.error?.message ?? `HTTP ${r.status}`, json?.error?.issues ?? []);
  return json as T;
}

/** The console socket: hello, then every fleet message to `onMessage`; reconnects after 2 s. */
export function connectLive(onMessage: (m: HubToConsole) => void, onState: (connected: boolean) => void): () => void {
  let ws: WebSocket | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let seq = 0;
  const open = () => {
    ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/console`);
    ws.onopen = () => ws?.send(JSON.stringify({ type: 'hello', seq: ++seq, epoch: null, lastServerSeq: 0 }));
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as HubToConsole;
      if (m.type === 'snapshot') onState(true);
      onMessage(m);
    };
    ws.onclose = () => {
      onState(false);
      if (!stopped) timer = setTimeout(open, 2000);
    };
  };
  open();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    ws?.close();
  };
}
