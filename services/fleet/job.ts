/**
 * What each job of the fleet agent (heartbeat, config, commands, statistics) shares: the
 * services' host, the fleet's SQLite tables, the options, and the hub link while attached.
 * Layer: node.
 */
import type { HubState } from '../hub/hub-client.ts';
import type { Unsequenced } from '../../common/contract/hub-common.ts';
import type { HubToKiosk, KioskToHub } from '../../common/contract/hub-kiosk.ts';
import type { KioskEvent } from '../../common/contract/kiosk-api.ts';
import type { KioskConfig } from '../../kiosk-config/config.schema.ts';
import type { Logger } from '../log.ts';
import type { KioskStore } from '../store.ts';
import type { FleetStore } from './store.ts';

export interface FleetOptions {
  /** Heartbeat period (default 15 s). */
  heartbeatMs?: number;
  /** How often the day's counters are sent when they changed (default 5 min; also on every connect). */
  statsMs?: number;
  /** An application not acknowledged within this time is sent again (default 30 s; also on every connect). */
  outboxRetryMs?: number;
  /** How long a test print may take before the command is answered `failed` (default 30 s). */
  printTestTimeoutMs?: number;
  /** How long the track screen waits for the hub (default 3 s). */
  trackTimeoutMs?: number;
  /** A config fetch that failed on the network is tried again after this (default 30 s). */
  configRetryMs?: number;
  /** Between the restart command's ack and the restart (default 500 ms: the ack leaves first). */
  restartDelayMs?: number;
}

/** What the agent needs from the kiosk services (KioskServices implements it in a few lines). */
export interface FleetHost {
  appVersion: string;
  dataDir: string;
  store: KioskStore;
  log: Logger;
  now(): Date;
  sessionActive(): boolean;
  config(): KioskConfig;
  configProblems(): string[];
  /** Re-read config and catalogue (the agent calls it only between sessions). */
  requestReload(): void;
  serviceName(code: string): { vi: string; en: string } | null;
  printer(): { state: string; paperNearEnd: boolean };
  scanner(): string;
  /** Lay out and queue a test receipt through the real receipt path; 'none' when there is no printer. */
  printTest(label: string): 'queued' | 'none';
  clearPrintQueue(): number;
  /** Maintenance or enrolment changed: tell the renderer (kiosk.changed). */
  infoChanged(): void;
  onEvent(listener: (event: KioskEvent, payload: unknown) => void): () => void;
  /** Restart the app the way its launcher expects; null when nothing would start it again. */
  restart: (() => void) | null;
  /** A masked snapshot of the screen from the renderer (rrweb events as JSON), or null when it did not answer. */
  screenshot(): Promise<string | null>;
}

/** The hub link as the agent uses it (HubClient). */
export interface FleetLink {
  readonly connection: HubState;
  send(msg: Unsequenced<KioskToHub>): boolean;
  waitFor<T extends HubToKiosk>(match: (m: HubToKiosk) => m is T, timeoutMs: number): Promise<T | null>;
}

/** The hub this kiosk is enrolled with, and its device secret. */
export interface FleetHub {
  url: string;
  kioskId: string;
  secret: string;
}

/** What the jobs share (the agent, services/fleet/agent.ts, owns it). */
export interface FleetJobContext {
  readonly host: FleetHost;
  readonly fs: FleetStore;
  readonly opts: Required<FleetOptions>;
  link(): FleetLink | null;
  hub(): FleetHub | null;
  connected(): boolean;
  closed(): boolean;
}

const VN_OFFSET_MS = 7 * 3600_000;
/** The Vietnam day (Asia/Ho_Chi_Minh, no DST) of a time: YYYY-MM-DD. */
export function vnDate(t: number): string {
  return new Date(t + VN_OFFSET_MS).toISOString().slice(0, 10);
}
