/**
 * The address picker's logic (issue 16), pure so it is tested without a browser
 * (tests/unit/renderer/address-picker.test.ts); AddressPicker.tsx draws it.
 *
 * - `wardMatches`: the wards of a province whose name contains what was typed, read the way the
 *   services search reads (no diacritics needed, Telex works): exact, then prefix, then anywhere.
 * - `searchFallback`: when nothing matches, the conversion table and the closest names
 *   (common/admin/address.ts): an old ward name typed ("Hàng Bài") gives the ward it went into,
 *   or the wards it was split into; a slip ("Cửa Nan") gives the closest names. Never a guess:
 *   the resident always picks.
 * - `startFrom`: where the picker starts from a saved answer. Picked before (codes): as it was.
 *   Text only (read from an ID card, or an answer saved before the picker): converted —
 *   whole/current → that ward, shown with the card's text so the resident checks it;
 *   split/same name in several places → the candidate wards to choose from; nothing → the
 *   closest names and the province buttons.
 * - `needsConfirm` / `answerOf`: a ward the kiosk set from the card's text (converted whole, or
 *   already a current ward) is not sent until the resident taps "Đúng, dùng địa chỉ này" — like
 *   the split and not-found cases, where they tap a ward: the resident always confirms.
 *
 * Layer: renderer (pure).
 */
import type { AddressReading, UnitRef } from '../../../common/admin/address.ts';
import type { CurrentUnits, Ward } from '../../../common/admin/wards.ts';
import type { AddressAnswer } from '../../../common/contract/answers.ts';
import { fold } from '../../../common/text/fold.ts';
import { telexToVi } from '../../../common/text/ime.ts';

export const MAX_WARDS_SHOWN = 8;
const KIND = /^(phuong|xa|dac khu|thi tran)\s+/;

export function wardMatches(wards: readonly Ward[], query: string): Ward[] {
  const q = fold(query).trim().replace(KIND, '');
  const qt = fold(query.split(/\s+/).map((w) => telexToVi(w)).join(' ')).trim().replace(KIND, '');
  if (q === '') return [];
  const scored: { w: Ward; s: number }[] = [];
  for (const w of wards) {
    const n = fold(w.name).replace(KIND, '');
    let s = -1;
    for (const x of [q, qt]) {
      if (x === '') continue;
      if (n === x) s = Math.max(s, 3);
      else if (n.startsWith(x)) s = Math.max(s, 2);
      else if (n.includes(x)) s = Math.max(s, 1);
    }
    if (s >= 0) scored.push({ w, s });
  }
  return scored
    .sort((a, b) => b.s - a.s || a.w.name.localeCompare(b.w.name, 'vi'))
    .slice(0, MAX_WARDS_SHOWN)
    .map((x) => x.w);
}

/** What the picker offers when the typed name matches no current ward of the province. */
export interface Fallback {
  /** 'former': an old ward's name (converted); 'near': the closest current names. */
  kind: 'former' | 'near';
  /** The old ward as the table names it, for 'former'. */
  former: string | null;
  wards: Ward[];
}

export function searchFallback(units: CurrentUnits, read: (text: string) => AddressReading, provinceCode: string, query: string): Fallback | null {
  if (fold(query).trim().length < 2) return null;
  const province = units.province(provinceCode);
  if (!province) return null;
  const r = read(`${query}, ${province.name}`);
  const inProvince = (refs: readonly UnitRef[]) => refs.map((c) => units.ward(c.code)).filter((w): w is Ward => w !== undefined && w.provinceCode === provinceCode);
  if (r.how === 'converted-whole' || r.how === 'converted-split' || (r.how === 'ambiguous' && r.old !== null)) {
    const wards = inProvince(r.ward ? [r.ward] : r.candidates);
    if (wards.length > 0) return { kind: 'former', former: r.old?.ward ?? null, wards };
  }
  if (r.how === 'current' && r.ward) {
    const wards = inProvince([r.ward]);
    if (wards.length > 0) return { kind: 'near', former: null, wards };
  }
  const wards = inProvince(r.candidates).slice(0, MAX_WARDS_SHOWN);
  return wards.length > 0 ? { kind: 'near', former: null, wards } : null;
}

/** The whole address as shown, printed and sent: "Số 12 Phố Huế, Phường Cửa Nam, Thành phố Hà Nội". */
export function composeText(line: string, ward: string, province: string): string {
  return [line.trim(), ward, province].filter((s) => s !== '').join(', ');
}

export interface PickerStart {
  provinceCode: string | null;
  wardCode: string | null;
  line: string;
  /** Wards to choose from (split old ward, same name in several places, closest names). */
  candidates: Ward[];
  /** The text the resident did not pick themselves (the ID card's address), to show beside the result. */
  source: string | null;
  how: AddressReading['how'] | 'picked' | 'empty';
  /** The old ward, when the text named one the table converted. */
  former: string | null;
}

export function startFrom(initial: AddressAnswer | null | undefined, units: CurrentUnits, read: (text: string) => AddressReading): PickerStart {
  const empty: PickerStart = { provinceCode: null, wardCode: null, line: '', candidates: [], source: null, how: 'empty', former: null };
  if (!initial || initial.text.trim() === '') return empty;
  if (initial.wardCode && initial.provinceCode) {
    const w = units.ward(initial.wardCode);
    if (w && w.provinceCode === initial.provinceCode) return { ...empty, provinceCode: w.provinceCode, wardCode: w.code, line: initial.line, how: 'picked' };
  }
  const text = initial.text.trim();
  const r = read(text);
  const wards = (refs: readonly UnitRef[]) => refs.map((c) => units.ward(c.code)).filter((w): w is Ward => w !== undefined);
  const base = { ...empty, line: r.street.trim(), source: text, how: r.how, former: r.old?.ward ?? null };
  if (r.ward && r.certain) {
    const w = units.ward(r.ward.code);
    if (w) return { ...base, provinceCode: w.provinceCode, wardCode: w.code };
  }
  return { ...base, provinceCode: r.province?.code ?? null, candidates: wards(r.candidates) };
}

/** A ward the kiosk set by itself from text the resident did not pick (the ID card's address): it waits for their tap. */
export function needsConfirm(start: PickerStart): boolean {
  return start.source !== null && start.wardCode !== null;
}

/** The answer the picker reports: null until province and ward are set, the street given when required, and a ward set from the card confirmed. */
export function answerOf(s: { provinceCode: string | null; provinceName: string; ward: Ward | null; line: string; requireLine: boolean; confirmed: boolean }): AddressAnswer | null {
  if (!s.provinceCode || !s.ward || !s.confirmed) return null;
  if (s.requireLine && s.line.trim() === '') return null;
  return { line: s.line.trim(), provinceCode: s.provinceCode, wardCode: s.ward.code, text: composeText(s.line, s.ward.name, s.provinceName) };
}
