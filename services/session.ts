/**
 * One resident's session: starts at the first touch, ends on finish, on idle
 * timeout (after an announced, extendable countdown), on a crash or a
 * disconnect. Ending wipes everything of the resident's: drafts in memory and
 * the session's temp folder (camera frames, scans). Layer: node.
 *
 * The services own the clock, not the renderer: a hung or crashed page cannot
 * keep a session (and its data) alive.
 */
import type { AnswerValue } from '../common/contract/answers.ts';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EndReason, Lang, SessionState } from '../common/contract/kiosk-api.ts';

export const SESSION_TMP_PREFIX = 'ward-kiosk-session-';

export interface Timeouts {
  idleSeconds: number;
  warningSeconds: number;
}

interface Session {
  id: string;
  lang: Lang;
  startedAt: number;
  /** serviceCode → questionId → answer. */
  drafts: Map<string, Map<string, AnswerValue>>;
  /** Other things of the resident's (ID card reading, consents): wiped with the session. */
  items: Map<string, unknown>;
  tmpDir: string;
  idleTimer: NodeJS.Timeout | null;
  warningTimer: NodeJS.Timeout | null;
  warningEndsAt: number | null;
  extensions: number;
}

export interface SessionEvents {
  warning(secondsLeft: number, endsAt: number): void;
  extended(state: SessionState): void;
  ended(reason: EndReason, info: { id: string; durationMs: number; extensions: number }): void;
}

export class SessionManager {
  private current: Session | null = null;
  private readonly tmpRoot: string;

  constructor(
    private readonly timeouts: () => Timeouts,
    private readonly events: SessionEvents,
    private readonly defaultLang: () => Lang,
    tmpRoot?: string,
  ) {
    this.tmpRoot = tmpRoot ?? os.tmpdir();
  }

  get active(): boolean {
    return this.current !== null;
  }

  state(): SessionState {
    const t = this.timeouts();
    const s = this.current;
    return {
      active: s !== null,
      id: s?.id ?? null,
      lang: s?.lang ?? this.defaultLang(),
      idleSeconds: t.idleSeconds,
      warningSeconds: t.warningSeconds,
      warningEndsAt: s?.warningEndsAt ?? null,
      extensions: s?.extensions ?? 0,
    };
  }

  /** A new resident: any session still open is wiped first. */
  start(lang: Lang): SessionState {
    if (this.current) this.end('cancelled');
    const dir = mkdtempSync(path.join(this.tmpRoot, SESSION_TMP_PREFIX));
    this.current = {
      id: randomUUID(),
      lang,
      startedAt: Date.now(),
      drafts: new Map(),
      items: new Map(),
      tmpDir: dir,
      idleTimer: null,
      warningTimer: null,
      warningEndsAt: null,
      extensions: 0,
    };
    this.armIdle();
    return this.state();
  }

  setLanguage(lang: Lang): SessionState {
    this.require().lang = lang;
    return this.state();
  }

  /** A touch: restarts the idle clock, unless the warning is already showing (then only the explicit button extends). */
  activity(): SessionState {
    const s = this.require();
    if (s.warningEndsAt === null) this.armIdle();
    return this.state();
  }

  /** "Tôi cần thêm thời gian": any number of times. */
  extend(): SessionState {
    const s = this.require();
    const wasWarning = s.warningEndsAt !== null;
    if (wasWarning) s.extensions += 1;
    this.armIdle();
    const state = this.state();
    if (wasWarning) this.events.extended(state);
    return state;
  }

  saveAnswer(serviceCode: string, questionId: string, value: AnswerValue): void {
    const s = this.require();
    let draft = s.drafts.get(serviceCode);
    if (!draft) s.drafts.set(serviceCode, (draft = new Map()));
    draft.set(questionId, value);
  }

  draft(serviceCode: string): Record<string, AnswerValue> {
    return Object.fromEntries(this.require().drafts.get(serviceCode) ?? []);
  }

  put(key: string, value: unknown): void {
    this.require().items.set(key, value);
  }

  get<T>(key: string): T | undefined {
    return this.current?.items.get(key) as T | undefined;
  }

  remove(key: string): void {
    this.current?.items.delete(key);
  }

  /** The session's private temp folder (camera frames, scans); removed with the session. */
  tmpDir(): string {
    return this.require().tmpDir;
  }

  /** End and wipe. Returns false when there was no session. */
  end(reason: EndReason): boolean {
    const s = this.current;
    if (!s) return false;
    this.current = null;
    if (s.idleTimer) clearTimeout(s.idleTimer);
    if (s.warningTimer) clearTimeout(s.warningTimer);
    for (const d of s.drafts.values()) d.clear();
    s.drafts.clear();
    s.items.clear();
    try {
      rmSync(s.tmpDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Reported by the sweep below on the next start; never blocks the wipe of memory.
    }
    this.events.ended(reason, { id: s.id, durationMs: Date.now() - s.startedAt, extensions: s.extensions });
    return true;
  }

  /** Remove session folders left by a previous run that died (power cut, kill -9). */
  sweepLeftovers(): number {
    let removed = 0;
    for (const name of safeReaddir(this.tmpRoot)) {
      if (!name.startsWith(SESSION_TMP_PREFIX)) continue;
      const full = path.join(this.tmpRoot, name);
      if (this.current && full === this.current.tmpDir) continue;
      rmSync(full, { recursive: true, force: true });
      removed += 1;
    }
    return removed;
  }

  dispose(): void {
    this.end('cancelled');
  }

  private require(): Session {
    if (!this.current) throw new NoSessionError();
    return this.current;
  }

  private armIdle(): void {
    const s = this.require();
    if (s.idleTimer) clearTimeout(s.idleTimer);
    if (s.warningTimer) clearTimeout(s.warningTimer);
    s.warningTimer = null;
    s.warningEndsAt = null;
    const { idleSeconds, warningSeconds } = this.timeouts();
    s.idleTimer = setTimeout(() => {
      if (this.current !== s) return;
      s.idleTimer = null;
      s.warningEndsAt = Date.now() + warningSeconds * 1000;
      this.events.warning(warningSeconds, s.warningEndsAt);
      s.warningTimer = setTimeout(() => {
        if (this.current === s) this.end('timeout');
      }, warningSeconds * 1000);
    }, idleSeconds * 1000);
  }
}

export class NoSessionError extends Error {
  constructor() {
    super('no active session');
    this.name = 'NoSessionError';
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
