/**
 * A typed client over any carrier (Electron preload bridge or loopback WebSocket).
 * Layer: common. Results are validated against the contract on arrival, so a
 * drift between renderer and services shows up as an error, not a blank screen.
 */
import {
  Envelope,
  KioskError,
  kioskEvents,
  kioskMethods,
  kioskError,
  type KioskEvent,
  type KioskMethod,
  type ParamsOf,
  type PayloadOf,
  type ResultOf,
} from './kiosk-api.ts';

/** What a carrier must provide: one call primitive and one event primitive. */
export interface Transport {
  call(method: string, params: unknown): Promise<unknown>;
  on(listener: (event: string, payload: unknown) => void): () => void;
  close?(): void;
}

export interface KioskClient {
  call<M extends KioskMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  on<E extends KioskEvent>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
  close(): void;
}

export function createKioskClient(transport: Transport): KioskClient {
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const off = transport.on((event, payload) => {
    const schema = (kioskEvents as Record<string, (typeof kioskEvents)[KioskEvent]>)[event];
    const set = listeners.get(event);
    if (!schema || !set) return;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return; // a malformed event is dropped, never half-applied
    for (const l of set) (l as (p: unknown) => void)(parsed.data);
  });
  return {
    async call(method, params) {
      const raw = await transport.call(method, params);
      const env = Envelope.safeParse(raw);
      if (!env.success) throw kioskError('E_INTERNAL');
      if (!env.data.ok) throw new KioskError(env.data.error);
      const result = kioskMethods[method].result.safeParse(env.data.result);
      if (!result.success) throw kioskError('E_INTERNAL');
      return result.data as ResultOf<typeof method>;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    close() {
      off();
      listeners.clear();
      transport.close?.();
    },
  };
}
