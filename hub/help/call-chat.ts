/**
 * A call's chat, kept in the database for the call's duration (issue 18), so a party that
 * reconnects to ANOTHER hub instance — where the replay buffer of its old socket does not exist
 * (hub/server/channels.ts) — still gets the lines it missed: after its snapshot, the gateway sends
 * the call's recent lines again (the clients drop lines they already have and keep them in time
 * order).
 *
 * Privacy: the lines are resident data. They are written before they are relayed, read only to be
 * sent to the call's two parties, never logged, and deleted when the call ends (the owner of the
 * help queue wipes them, hub/help/owner.ts; once more a few seconds later for a line that crossed
 * the hang-up; and lines of calls no longer in progress whenever an instance takes the queue).
 * Layer: hub (node).
 */
import { z } from 'zod';
import { ChatText, Party } from '../../common/contract/hub-common.ts';
import type { SqlDriver } from '../db/driver.ts';

/** Lines sent again after a reconnect (the kiosk shows the last 50 too). */
export const CHAT_KEEP_LINES = 50;
/** A second wipe this long after the call ended: a line written while the hang-up crossed it. */
const LATE_WIPE_MS = 5_000;

export interface CallChatLine {
  type: 'chat';
  callId: string;
  from: Party;
  text: string;
  at: number;
}

const Row = z.object({ from_party: Party, text: ChatText, at: z.coerce.number().int().nonnegative() });

function logEvent(event: string, fields: Record<string, string | number> = {}): void {
  process.stderr.write(`${JSON.stringify({ event, ...fields })}\n`);
}

export class CallChat {
  constructor(private readonly sql: SqlDriver) {}

  /** Stores a line before it is relayed. A failure is logged by its name only; the line still goes out live. */
  async add(line: CallChatLine): Promise<void> {
    await this.sql
      .run('INSERT INTO call_chat (call_id, from_party, text, at) VALUES (?, ?, ?, ?)', [line.callId, line.from, line.text, line.at])
      .catch((e) => logEvent('hub.help.chat_store_failed', { error: (e as Error)?.name ?? 'Error' }));
  }

  /** The call's last CHAT_KEEP_LINES lines, oldest first. */
  async lines(callId: string): Promise<CallChatLine[]> {
    const rows = await this.sql.all('SELECT from_party, text, at FROM call_chat WHERE call_id = ? ORDER BY at DESC, id DESC LIMIT ?', [callId, CHAT_KEEP_LINES]);
    const out: CallChatLine[] = [];
    for (const r of rows.reverse()) {
      const p = Row.safeParse(r);
      if (p.success) out.push({ type: 'chat', callId, from: p.data.from_party, text: p.data.text, at: p.data.at });
    }
    return out;
  }

  /** The call ended: its lines go now, and once more shortly after. */
  wipe(callId: string): void {
    const del = () => this.sql.run('DELETE FROM call_chat WHERE call_id = ?', [callId]);
    void del().catch((e) => logEvent('hub.help.chat_wipe_failed', { error: (e as Error)?.name ?? 'Error' }));
    // Once more, then (SQLite) the deleted lines' old frames leave the WAL too, as after a retention
    // sweep. Silent: the hub may have closed meanwhile; the next owner's purge catches what is left.
    setTimeout(() => void del().then(() => this.sql.scrub?.()).catch(() => undefined), LATE_WIPE_MS).unref();
  }

  /** Lines of calls no longer in progress (a hub died between a hang-up and its wipe). */
  purgeEnded(): Promise<number> {
    return this.sql.run("DELETE FROM call_chat WHERE call_id NOT IN (SELECT id FROM help_requests WHERE state = 'accepted')");
  }
}

/** The call in a party's snapshot (kiosk: `request.call`; console: `call`), or null. */
export function snapshotCallId(snapshot: unknown): string | null {
  const s = snapshot as { call?: { callId?: unknown } | null; request?: { call?: { callId?: unknown } | null } | null } | null;
  const id = s?.call?.callId ?? s?.request?.call?.callId;
  return typeof id === 'string' ? id : null;
}
