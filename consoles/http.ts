/**
 * One JSON request to the hub from a console (cookie session, same origin, never cached): the
 * status and the body parsed — `null` when empty or not JSON, so a proxy's HTML error page is a
 * clear error, not a crash. Each console turns a refusal into its own error type. Layer: browser.
 */
export interface HubReply {
  ok: boolean;
  status: number;
  /** Checked by the caller: its schema, or its error mapping. */
  json: any;
}

export async function hubRequest(path: string, init: { method?: string; body?: unknown } = {}): Promise<HubReply> {
  const r = await fetch(path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const text = await r.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { ok: r.ok, status: r.status, json };
}
