/**
 * The fee of an application, computed from its procedure's fee rule
 * (kiosk-config/fee-rule.schema.ts) and the resident's answers.
 *
 * The kiosk files online, so the online amount applies; the counter amount is
 * returned too, to show what filing online saves. Nothing is guessed: a
 * missing or unreadable answer gives 'unknown' (naming the answer), a fee set
 * by the province gives 'province' (the province states it later — national
 * status 6 — and the kiosk shows it then).
 *
 * Layer: common — pure code.
 */
import type { FeeBasis, FeeRule } from '../../kiosk-config/fee-rule.schema.ts';
import { parseVnDate, vnToday, type ParsedDate } from '../validate/answers.ts';

export interface Localized {
  vi: string;
  en: string;
}

export type FeeState = 'free' | 'due' | 'province' | 'unknown';

export interface FeeResult {
  state: FeeState;
  /** What the resident pays (online); null unless free or due. */
  amountVnd: number | null;
  /** The counter fee for the same, when it differs (to show the saving). */
  counterVnd: number | null;
  /** One plain sentence: how the amount was reached. */
  explanation: Localized;
  basis: FeeBasis;
  /** The answer that is needed to compute the fee, when state is 'unknown'. */
  missing: string | null;
}

/** 12500 → "12.500 đồng" / "12,500 đồng". */
export function formatVnd(n: number, lang: 'vi' | 'en'): string {
  const digits = String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  return `${digits} đồng`;
}

const both = (n: number): Localized => ({ vi: formatVnd(n, 'vi'), en: formatVnd(n, 'en') });

function days(a: ParsedDate, b: ParsedDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

function count(text: string | undefined, max: number): number | null {
  if (text === undefined) return null;
  const t = text.trim();
  if (!/^\d{1,4}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= max ? n : null;
}

function result(state: FeeState, amountVnd: number | null, counterVnd: number | null, explanation: Localized, basis: FeeBasis, missing: string | null = null): FeeResult {
  return { state, amountVnd, counterVnd: counterVnd !== null && counterVnd !== amountVnd ? counterVnd : null, explanation, basis, missing };
}

function due(amount: number, counter: number | null, explanation: Localized, basis: FeeBasis): FeeResult {
  return result(amount === 0 ? 'free' : 'due', amount, counter, explanation, basis);
}

/** The fee for these answers, filed online from the kiosk, on `now` (Vietnam's date). */
export function computeFee(rule: FeeRule, answers: Readonly<Record<string, unknown>>, now: Date = new Date()): FeeResult {
  const b = rule.basis;
  // only text answers count here (dates dd/mm/yyyy, counts as digits); an address or a group is not a number
  const text = (id: string): string | undefined => (typeof answers[id] === 'string' ? (answers[id] as string) : undefined);
  switch (rule.kind) {
    case 'free':
      return result('free', 0, null, { vi: 'Miễn lệ phí.', en: 'No fee.' }, b);
    case 'by-province':
      return result('province', null, null, { vi: 'Lệ phí do tỉnh/thành phố quy định; số tiền sẽ được báo khi hồ sơ được xử lý.', en: 'The fee is set by the province or city; you will be told the amount when the application is processed.' }, b);
    case 'flat': {
      const amount = rule.onlineVnd ?? rule.counterVnd;
      const a = both(amount);
      const c = both(rule.counterVnd);
      const explanation =
        rule.onlineVnd !== null && rule.onlineVnd < rule.counterVnd
          ? { vi: `${a.vi} khi nộp trực tuyến (nộp tại quầy: ${c.vi}).`, en: `${a.en} when filed online (at the counter: ${c.en}).` }
          : amount === 0
            ? { vi: 'Miễn lệ phí.', en: 'No fee.' }
            : { vi: `${a.vi}.`, en: `${a.en}.` };
      return due(amount, rule.counterVnd, explanation, b);
    }
    case 'free-within-days': {
      const event = parseVnDate(text(rule.eventAnswer) ?? '');
      if (!event) return result('unknown', null, null, { vi: 'Cần ngày xảy ra sự kiện để tính lệ phí.', en: 'The date of the event is needed to work out the fee.' }, b, rule.eventAnswer);
      const late = days(event, vnToday(now));
      if (late <= rule.days)
        return result('free', 0, null, { vi: `Miễn lệ phí: đăng ký trong ${rule.days} ngày (đã ${Math.max(0, late)} ngày).`, en: `No fee: registered within ${rule.days} days (${Math.max(0, late)} days so far).` }, b);
      if (rule.lateOnlineVnd === null && rule.lateCounterVnd === null)
        return result('province', null, null, { vi: `Đã quá ${rule.days} ngày: lệ phí đăng ký muộn do tỉnh/thành phố quy định, sẽ được báo khi hồ sơ được xử lý.`, en: `More than ${rule.days} days: the late fee is set by the province and will be stated when the application is processed.` }, b);
      const amount = rule.lateOnlineVnd ?? rule.lateCounterVnd!;
      return due(amount, rule.lateCounterVnd, { vi: `Đã quá ${rule.days} ngày: lệ phí ${both(amount).vi}.`, en: `More than ${rule.days} days: fee ${both(amount).en}.` }, b);
    }
    case 'per-copy': {
      const n = count(text(rule.copiesAnswer), rule.maxCopies);
      if (n === null) return result('unknown', null, null, { vi: 'Cần số bản để tính lệ phí.', en: 'The number of copies is needed to work out the fee.' }, b, rule.copiesAnswer);
      const each = rule.onlineVnd ?? rule.counterVnd;
      return due(each * n, rule.counterVnd * n, { vi: `${n} bản × ${both(each).vi} = ${both(each * n).vi}.`, en: `${n} ${n === 1 ? 'copy' : 'copies'} × ${both(each).en} = ${both(each * n).en}.` }, b);
    }
    case 'per-page': {
      const pages = count(text(rule.pagesAnswer), rule.maxPages);
      if (pages === null) return result('unknown', null, null, { vi: 'Cần số trang để tính phí.', en: 'The number of pages is needed to work out the fee.' }, b, rule.pagesAnswer);
      let copies = 1;
      if (rule.copiesAnswer !== undefined) {
        const c = count(text(rule.copiesAnswer), rule.maxCopies);
        if (c === null) return result('unknown', null, null, { vi: 'Cần số bản để tính phí.', en: 'The number of copies is needed to work out the fee.' }, b, rule.copiesAnswer);
        copies = c;
      }
      const first = Math.min(pages, rule.firstPages);
      const raw = first * rule.firstPageVnd + (pages - first) * rule.laterPageVnd;
      const perCopy = rule.capPerCopyVnd === null ? raw : Math.min(raw, rule.capPerCopyVnd);
      const capped = perCopy < raw;
      const total = perCopy * copies;
      return due(total, null, {
        vi: `${pages} trang: ${both(perCopy).vi} mỗi bản${capped ? ' (mức tối đa)' : ''}${copies > 1 ? ` × ${copies} bản = ${both(total).vi}` : ''}.`,
        en: `${pages} pages: ${both(perCopy).en} per copy${capped ? ' (the maximum)' : ''}${copies > 1 ? ` × ${copies} copies = ${both(total).en}` : ''}.`,
      }, b);
    }
  }
}
