/**
 * The account pages' HTTP calls (cookie session, same origin); every answer the hub sends back is
 * checked against the contract before it is shown. Layer: browser.
 */
import type { z } from 'zod';
import { hubRequest } from '../http.ts';

export class AccountApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly issues: unknown[],
    readonly messageVi: string | undefined,
  ) {
    super(`HTTP ${status} ${code}`);
  }
}

export async function accountCall<S extends z.ZodType>(schema: S, path: string, body?: unknown): Promise<z.infer<S>> {
  const r = await hubRequest(path, { body });
  const json = r.json;
  if (!r.ok) {
    const e = json?.error;
    throw new AccountApiError(r.status, typeof e?.code === 'string' ? e.code : 'error', Array.isArray(e?.issues) ? e.issues : [], typeof e?.messageVi === 'string' ? e.messageVi : undefined);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AccountApiError(502, 'bad_reply', [], 'Máy chủ trả lời không hợp lệ; vui lòng thử lại.');
  return parsed.data;
}
