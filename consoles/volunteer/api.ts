/** HTTP calls of the volunteer console (cookie session, same origin). Layer: browser. */
import type { z } from 'zod';
import { hubRequest } from '../http.ts';
import type { CallHistoryEntry as CallHistoryEntrySchema, TurnResponse, UserView } from '../../common/contract/hub-console.ts';

export type CallHistoryEntry = z.infer<typeof CallHistoryEntrySchema>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<T> {
  const r = await hubRequest(path, { method, body });
  const json = r.json;
  if (!r.ok) throw new ApiError(r.status, json?.error?.code ?? 'error', json?.error?.message ?? `HTTP ${r.status}`);
  return json as T;
}

export const login = (username: string, password: string) => call<{ user: UserView; sessionExpiresAt: number; mustChangePassword?: boolean }>('/api/login', 'POST', { username, password });
export const logout = () => call<unknown>('/api/logout', 'POST', {});
export const me = () => call<{ user: UserView; sessionExpiresAt: number; mustChangePassword?: boolean }>('/api/me');
export const myCalls = () => call<{ calls: CallHistoryEntry[] }>('/api/calls/mine');

let turnCache: { value: TurnResponse; until: number } | null = null;
/** ICE servers (ephemeral TURN credentials); cached until a minute before they expire. */
export async function iceServers(): Promise<RTCIceServer[]> {
  const now = Date.now();
  if (!turnCache || turnCache.until < now) {
    const value = await call<TurnResponse>('/api/turn');
    turnCache = { value, until: value.expiresAt ? value.expiresAt - 60_000 : now + 10 * 60_000 };
  }
  return turnCache.value.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential }));
}

/** Human text for a login failure. */
export function loginErrorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return 'Sai tên đăng nhập hoặc mật khẩu.';
    if (e.status === 429 || e.code === 'locked') return 'Đăng nhập sai nhiều lần. Xin đợi một phút rồi thử lại.';
    if (e.status === 400) return 'Tên đăng nhập hoặc mật khẩu không hợp lệ.';
    return 'Máy chủ đang gặp lỗi, xin thử lại.';
  }
  return 'Không kết nối được máy chủ.';
}
