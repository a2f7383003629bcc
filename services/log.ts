/**
 * Structured logs for the kiosk services. Layer: node.
 *
 * Privacy rule: a log line carries event names, codes, counts and durations —
 * never a resident's data. Fields are primitives only, strings are cut at 200
 * characters, and call sites pass what they name (never params or answers).
 */
export type LogFields = Record<string, string | number | boolean | null>;

export interface Logger {
  info(event: string, fields: LogFields): void;
  warn(event: string, fields: LogFields): void;
  error(event: string, fields: LogFields): void;
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  scope: string;
  event: string;
  fields: LogFields;
  at: string;
}

function clean(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…` : v;
  return out;
}

/** The last lines this process logged (every scope), for ward staff who ask a kiosk for its recent logs. */
export class RecentLog {
  private lines: LogLine[] = [];
  constructor(readonly max = 300) {}
  push(line: LogLine): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }
  snapshot(): LogLine[] {
    return [...this.lines];
  }
}
export const recentLog = new RecentLog();

export function createLogger(scope: string, sink: (line: LogLine) => void = writeStderr): Logger {
  const at = (level: LogLine['level']) => (event: string, fields: LogFields) => {
    const line: LogLine = { level, scope, event, fields: clean(fields), at: new Date().toISOString() };
    recentLog.push(line);
    sink(line);
  };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

function writeStderr(line: LogLine): void {
  if (process.env.WARD_KIOSK_QUIET === '1' && line.level === 'info') return;
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/** A logger that keeps lines in memory (tests check that no personal data reaches a log). */
export function memoryLogger(scope = 'test'): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return Object.assign(createLogger(scope, (l) => lines.push(l)), { lines });
}
