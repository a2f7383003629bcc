/**
 * Where a JSON text breaks, without quoting it (issue 17): V8's own SyntaxError message repeats the
 * text around the fault, and configuration files hold secrets (hub.json: passwords; the kiosk's
 * config: the staff PIN's hash) that must not reach a terminal or a log.
 * Layer: common (pure TS).
 */

/** " (line L, column C)" of the first JSON syntax fault, or "" when the text parses or no position is known. */
export function jsonErrorWhere(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    if (!m) return '';
    const before = text.slice(0, Number(m[1]));
    const line = before.split('\n').length;
    return ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
  }
}
