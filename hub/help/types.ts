/**
 * The help queue's shared types: what it sends out through (HelpOutlet), its
 * options, the result of an action, and the in-memory state of an open request
 * and of a volunteer's presence (hub/help/queue.ts owns both).
 * Layer: hub (node).
 */
import type { ErrorCode, HubLang, Unsequenced } from '../../common/contract/hub-common.ts';
import type { HubToConsole, StatusReason, VolunteerStatus } from '../../common/contract/hub-console.ts';
import type { HubToKiosk } from '../../common/contract/hub-kiosk.ts';
import type { AuditEntry, HelpRequestRecord, UserRecord } from '../db/repository.ts';

export interface HelpOutlet {
  toKiosk(kioskId: string, msg: Unsequenced<HubToKiosk>): void;
  toUser(userId: string, msg: Unsequenced<HubToConsole>): void;
}

export interface WardContact {
  name: string;
  phone: string;
}

export interface HelpQueueOptions {
  /** Ring this long before telling the resident nobody answered. */
  ringTimeoutMs: number;
  /** Ring the next preference tier after this long. */
  escalateMs: number;
  /** A volunteer rung this long for one request without answering goes `away`. */
  noAnswerMs: number;
  /** A call survives a party's drop this long. */
  callGraceMs: number;
  wardContacts: Record<string, WardContact>;
  now: () => number;
  audit: (e: AuditEntry) => void;
  /**
   * A call started, changed (control) or ended (null): told before either party hears of it, so
   * every hub instance knows the call's parties before a party can send it signalling.
   */
  onCall?: (callId: string, parties: CallParties | null) => void;
}

export type Result<T = undefined> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const no = (code: ErrorCode, message: string): Result<never> => ({ ok: false, code, message });

export interface CallParties {
  callId: string;
  kioskId: string;
  userId: string;
  controlGranted: boolean;
}

/** An open request in memory (the database holds its record too). */
export interface Active {
  rec: HelpRequestRecord;
  kioskName: string;
  tier: 1 | 2 | 3;
  ringing: Set<string>;
  declined: Set<string>;
  ringTimer: NodeJS.Timeout | null;
  escalateTimer: NodeJS.Timeout | null;
  /** One no-answer timer per volunteer in `ringing` (same keys, always). */
  noAnswer: Map<string, NodeJS.Timeout>;
  // while accepted
  volunteer: { id: string; displayName: string; languages: HubLang[] } | null;
  controlGranted: boolean;
  kioskOnline: boolean;
  volunteerOnline: boolean;
  graceTimer: NodeJS.Timeout | null;
}

export interface Presence {
  user: UserRecord;
  online: boolean;
  status: VolunteerStatus;
  /** Why the hub set `status` (null: the volunteer's own choice). */
  statusReason: StatusReason | null;
  callId: string | null;
}
