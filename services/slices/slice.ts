/**
 * What a capability slice of the kiosk services is (issue 19): it owns the handlers of its
 * methods of the contract (common/contract/kiosk-api.ts) and its device adapters, and the
 * wiring (services/kiosk-services.ts) registers them. A slice reaches the rest of the kiosk
 * only through the `KioskCore` it is given. Layer: node.
 */
import type { KioskEvent, KioskInfo, KioskMethod, PayloadOf, ResultOf, kioskMethods } from '../../common/contract/kiosk-api.ts';
import { kioskError } from '../../common/contract/kiosk-api.ts';
import type { Service } from '../../kiosk-config/catalogue.schema.ts';
import type { KioskConfig } from '../../kiosk-config/config.schema.ts';
import type { LoadedCatalogue } from '../catalogue.ts';
import type { FleetAgent } from '../fleet/agent.ts';
import type { HubClient } from '../hub/hub-client.ts';
import type { Logger } from '../log.ts';
import type { SessionManager } from '../session.ts';
import type { KioskStore } from '../store.ts';
import type { CallContext } from '../types.ts';

/** A method's params as the contract parsed them. */
export type ParamsOfMethod<M extends KioskMethod> = import('zod').output<(typeof kioskMethods)[M]['params']>;
export type Handler<M extends KioskMethod> = (params: ParamsOfMethod<M>, ctx: CallContext) => ResultOf<M> | Promise<ResultOf<M>>;
/** The handlers of the methods `M`. */
export type Handlers<M extends KioskMethod> = { [K in M]: Handler<K> };
/** Every method of the contract with its handler: what the wiring must end up with. */
export type AllHandlers = Handlers<KioskMethod>;

/** What every slice may use: the store, the session, the config and catalogue as they are now, the events. */
export interface KioskCore {
  readonly store: KioskStore;
  readonly sessions: SessionManager;
  readonly log: Logger;
  readonly fleet: FleetAgent;
  now(): Date;
  config(): KioskConfig;
  catalogue(): LoadedCatalogue;
  /** The catalogue's service, or E_NOT_FOUND. */
  service(code: string): Service;
  /** The hub link when enrolled and started (null otherwise). */
  hub(): HubClient | null;
  info(): KioskInfo;
  emit<E extends KioskEvent>(event: E, payload: PayloadOf<E>): void;
}

/** A slice: its handlers, and what it does when the kiosk starts, a session ends, the kiosk stops. */
export interface Slice<M extends KioskMethod = KioskMethod> {
  readonly handlers: Handlers<M>;
  /** Start its devices (a device that fails to start is reported, never fatal). */
  start?(): Promise<void>;
  /** The resident's session ended (before `session.ended` is announced): let go of what was theirs. */
  sessionEnded?(id: string): void;
  close?(): Promise<void>;
}

/** A slice as the wiring starts, tells and stops it (whatever its methods). */
export type SliceLife = Omit<Slice<never>, 'handlers'>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The slices' handlers as one table; a method registered twice is a wiring mistake, refused at start. */
export function registerHandlers<const T extends readonly object[]>(...parts: T): UnionToIntersection<T[number]> {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [method, handler] of Object.entries(part)) {
      if (Object.hasOwn(out, method)) throw new Error(`kiosk method ${method} is registered by two slices`);
      out[method] = handler;
    }
  }
  return out as UnionToIntersection<T[number]>;
}

/** The catalogue's service by code, or E_NOT_FOUND. */
export function findService(catalogue: LoadedCatalogue, code: string): Service {
  const s = catalogue.services.find((x) => x.code === code);
  if (!s) throw kioskError('E_NOT_FOUND');
  return s;
}
