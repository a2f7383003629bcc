/** Dates as the forms write them (dd/mm/yyyy) and today in Viet Nam. Layer: common, pure. */
export interface ParsedDate {
  day: number;
  month: number;
  year: number;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** dd/mm/yyyy (also d/m/yyyy, with - or .) → a real calendar date, or null. */
export function parseVnDate(text: string): ParsedDate | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const dim = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day > dim) return null;
  return { day, month, year };
}

export function compareDates(a: ParsedDate, b: ParsedDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Today in Vietnam (UTC+7). */
export function vnToday(now = new Date()): ParsedDate {
  const v = new Date(now.getTime() + 7 * 3600 * 1000);
  return { day: v.getUTCDate(), month: v.getUTCMonth() + 1, year: v.getUTCFullYear() };
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: ParsedDate, b: ParsedDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

// ---------------------------------------------------------------- one date format (issue 19)

/**
 * The one way the kiosk contract writes a calendar date: dd/mm/yyyy with two-digit day and month,
 * as the forms ask it and the card prints it (an ID card reading, a form answer). Instants — when a
 * thing happened — are ISO 8601 timestamps.
 */
export const FORM_DATE_RE = /^\d{2}\/\d{2}\/\d{4}$/;

/** YYYY-MM-DD (how the card readers work inside) → dd/mm/yyyy, or null. */
export function fromIsoDate(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : null;
}

/** A date as a resident typed it (d/m/yyyy, dd/mm/yyyy) → dd/mm/yyyy, or null when it is not written so. */
export function normalizeFormDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  return m ? `${m[1]!.padStart(2, '0')}/${m[2]!.padStart(2, '0')}/${m[3]}` : null;
}
