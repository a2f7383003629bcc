/**
 * Reading a Vietnamese address into the 2025 units: province → ward.
 *
 *   resolveAddress("Số 12, Tổ 5, P. Hàng Bài, Q. Hoàn Kiếm, TP. Hà Nội")
 *   → province 01 Thành phố Hà Nội, ward 00082 Phường Cửa Nam, certain
 *
 * - Parts are split at commas (and at unit words such as "Phường", "Quận" when
 *   there are no commas); P./F./Q./TP./TX./TT./H./X. are read as unit words;
 *   "Tỉnh"/"Thành phố" may be present or absent; house numbers, groups and
 *   hamlets (Số …, Tổ …, Thôn …) before the ward are ignored.
 * - Names are matched folded (no diacritics, đ = d) or as typed in Telex, the
 *   same forgiving reading as the services search (common/text/).
 * - A current address (no district) resolves to the current ward of that name.
 *   An old address (ward + district + province, as printed on cards issued
 *   before 1 July 2025) converts through the official table: to the new ward
 *   when the old one went whole into it (certain), to the candidate wards when
 *   it was split (ward null, not certain: the resident must choose).
 * - Anything else: ward null, not certain, with the closest wards as
 *   candidates — never a silent guess.
 *
 * Layer: common — pure code.
 */
import { fold, normalizeVi } from '../text/fold.ts';
import { telexToVi } from '../text/ime.ts';
import { withinOneEdit } from '../text/search.ts';
import { units, type OldWard, type Units, type Ward } from './units.ts';

export interface UnitRef {
  code: string;
  name: string;
}

export interface ResolvedAddress {
  input: string;
  /** The new province; null only when neither the province nor any ward could be read. */
  province: UnitRef | null;
  /** The new ward when it is known for sure; null otherwise. */
  ward: UnitRef | null;
  /** Wards to choose from when `ward` is null (split old ward, same name in several provinces, closest names). */
  candidates: UnitRef[];
  certain: boolean;
}

/** More detail than the JSON line: how the answer was reached (for the UI). */
export interface AddressReading extends ResolvedAddress {
  how: 'current' | 'converted-whole' | 'converted-split' | 'ambiguous' | 'not-found';
  /** The old unit read from an old-style address, if any. */
  old: { ward: string; district: string; province: string } | null;
  /** What stood before the ward (house number, group, hamlet, street), as typed. */
  street: string;
}

/** At most this many wards of the same name are offered. */
const MAX_CANDIDATES = 64;
/** Closest names offered when nothing matched. */
const MAX_NEAR = 5;

/** Unit words, folded, longest first. */
const WARD_KINDS = ['thi tran', 'dac khu', 'phuong', 'xa'];
const DISTRICT_KINDS = ['thanh pho', 'thi xa', 'quan', 'huyen'];
const PROVINCE_KINDS = ['thanh pho', 'tinh'];
const ALL_KINDS = ['thanh pho', 'thi tran', 'thi xa', 'dac khu', 'phuong', 'quan', 'huyen', 'tinh', 'xa'];

/** Abbreviations as the first word of a part: "p", "p6", "q1", "tp", "tx", "tt", "h", "x", "t", "f". */
const ABBREV: Record<string, string> = { p: 'phuong', f: 'phuong', q: 'quan', tp: 'thanh pho', tx: 'thi xa', tt: 'thi tran', h: 'huyen', x: 'xa', t: 'tinh', dk: 'dac khu' };

/** Common names of the two big cities. */
const PROVINCE_ALIASES: Record<string, string> = { hcm: '79', tphcm: '79', 'ho chi minh': '79', 'sai gon': '79', hn: '01', 'ha noi': '01' };

interface Part {
  raw: string;
  kind: string | null;
  /** Folded name without the unit word. */
  core: string;
  /** The same, read as Telex (differs only when Telex keys were typed). */
  coreTelex: string;
}

function foldPlain(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "Phường 06" and "phuong 6" are the same ward. */
function normNumbers(s: string): string {
  return s.replace(/\b0+(\d)/g, '$1');
}

function expandAbbrev(folded: string, rawFirst: string): string {
  // "p6", "q10", "f.3": letter(s) directly followed by a number
  const m = /^([a-z]{1,2})\s*(\d+)\b(.*)$/.exec(folded);
  if (m && ABBREV[m[1]!]) return `${ABBREV[m[1]!]} ${m[2]}${m[3]}`;
  const w = /^([a-z]{1,2})(\s.*)?$/.exec(folded);
  // a one- or two-letter first word is an abbreviation only when written as one ("P." "TP" "Q "), not a name
  if (w && ABBREV[w[1]!] && (w[2] ?? '') !== '' && /^[A-Za-zĐđ]{1,2}(\.|\s)/.test(rawFirst)) return `${ABBREV[w[1]!]}${w[2]}`;
  return folded;
}

function splitKind(folded: string, kinds: readonly string[]): { kind: string | null; core: string } {
  for (const k of kinds) {
    if (folded === k) return { kind: k, core: '' };
    if (folded.startsWith(k + ' ')) return { kind: k, core: folded.slice(k.length + 1) };
  }
  return { kind: null, core: folded };
}

function makePart(raw: string): Part | null {
  const trimmed = raw.trim();
  const spaced = trimmed.replace(/^([A-Za-zĐđ]{1,2})\.(?=\S)/, '$1. ');
  const f = normNumbers(expandAbbrev(foldPlain(spaced), spaced));
  if (f === '') return null;
  const { kind, core } = splitKind(f, ALL_KINDS);
  const telexRaw = kind === null ? trimmed : trimmed.split(/\s+/).slice(kind.split(' ').length).join(' ');
  const coreTelex = normNumbers(foldPlain(telexRaw.split(/\s+/).map((w) => telexToVi(w)).join(' ')));
  if (kind === null) {
    // the unit word itself typed in Telex ("Phuwowngf Cuwar Nam", "Xax Ddoong")
    const t = splitKind(coreTelex, ALL_KINDS);
    if (t.kind !== null && t.core !== '') {
      const words = trimmed.split(/\s+/).slice(t.kind.split(' ').length);
      return { raw: trimmed, kind: t.kind, core: normNumbers(foldPlain(words.join(' '))), coreTelex: t.core };
    }
  }
  return { raw: trimmed, kind, core, coreTelex };
}

/**
 * Parts of an address: at commas/semicolons/" - ", and within a part before a
 * unit word that follows other words ("Tổ 5 Phường Cửa Nam" → "Tổ 5" | "Phường Cửa Nam").
 */
function parts(input: string): Part[] {
  const out: Part[] = [];
  for (const chunk of input.normalize('NFC').split(/[,;\n]|\s[-–/]\s/)) {
    const words = chunk.trim().split(/\s+/).filter((w) => w !== '');
    let start = 0;
    for (let i = 1; i < words.length; i++) {
      // a unit word followed by a name ("… Phường Cửa Nam"), never a last word ("Đặng Xá")
      const head = foldPlain(words.slice(i, i + 3).join(' '));
      const isKind = ALL_KINDS.some((k) => head.startsWith(k + ' ')) || (/^(p|q|tp|tx|tt)\.$/i.test(words[i]!) && i + 1 < words.length);
      if (!isKind) continue;
      const before = foldPlain(words.slice(start, i).join(' '));
      // "Phường Xã Đàn" / "Thành phố Thủ Đức": the unit word of a name is not a new part
      if (before === '' || ALL_KINDS.includes(before) || ABBREV[before] !== undefined) continue;
      const p = makePart(words.slice(start, i).join(' '));
      if (p) out.push(p);
      start = i;
    }
    const p = makePart(words.slice(start).join(' '));
    if (p) out.push(p);
  }
  return out;
}

/** Folded name of a unit without its unit word. */
function coreOf(name: string): string {
  return normNumbers(splitKind(foldPlain(name), ALL_KINDS).core);
}

function kindOf(name: string): string | null {
  return splitKind(foldPlain(name), ALL_KINDS).kind;
}

interface Index {
  u: Units;
  provinceByCore: Map<string, string>;
  oldProvinceByCore: Map<string, string[]>;
  wardsByCore: Map<string, Ward[]>;
  wardCore: Map<string, string>;
  oldByCore: Map<string, OldWard[]>;
  districtByCore: Map<string, string[]>;
}

let index: Index | null = null;

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function getIndex(): Index {
  if (index) return index;
  const u = units();
  const provinceByCore = new Map<string, string>();
  for (const p of u.provinces) provinceByCore.set(coreOf(p.name), p.code);
  for (const [alias, code] of Object.entries(PROVINCE_ALIASES)) if (!provinceByCore.has(alias)) provinceByCore.set(alias, code);
  const oldProvinceByCore = new Map<string, string[]>();
  const seenOldProv = new Set<string>();
  const wardsByCore = new Map<string, Ward[]>();
  const wardCore = new Map<string, string>();
  for (const w of u.wards) {
    const c = coreOf(w.name);
    wardCore.set(w.code, c);
    push(wardsByCore, c, w);
  }
  const oldByCore = new Map<string, OldWard[]>();
  const districtByCore = new Map<string, string[]>();
  const seenDistrict = new Set<string>();
  for (const o of u.oldWards) {
    if (o.name !== '') push(oldByCore, coreOf(o.name), o);
    if (!seenOldProv.has(o.provinceCode)) {
      seenOldProv.add(o.provinceCode);
      push(oldProvinceByCore, coreOf(o.provinceName), o.provinceCode);
    }
    if (!seenDistrict.has(o.districtCode)) {
      seenDistrict.add(o.districtCode);
      push(districtByCore, coreOf(o.districtName), o.districtCode);
    }
  }
  index = { u, provinceByCore, oldProvinceByCore, wardsByCore, wardCore, oldByCore, districtByCore };
  return index;
}

const ref = (w: { code: string; name: string }): UnitRef => ({ code: w.code, name: w.name });

function lookup<V>(m: Map<string, V>, p: Part): V | undefined {
  return m.get(p.core) ?? (p.coreTelex !== p.core ? m.get(p.coreTelex) : undefined);
}

/** Levenshtein distance, small strings only. */
function distance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest current wards to a name (in one province, or everywhere): always the MAX_NEAR best, however far. */
function closestWards(ix: Index, p: Part, provinceCodes: readonly string[] | null, among: readonly Ward[] | null = null): Ward[] {
  const pool = among ?? (provinceCodes ? provinceCodes.flatMap((c) => ix.u.wardsOf(c)) : ix.u.wards);
  const scored: { w: Ward; s: number }[] = [];
  for (const w of pool) {
    const c = ix.wardCore.get(w.code)!;
    let s = Infinity;
    for (const q of p.coreTelex !== p.core ? [p.core, p.coreTelex] : [p.core]) {
      if (q === '') continue;
      let d = distance(q, c);
      if (c.startsWith(q) || q.startsWith(c)) d = Math.min(d, 1 + Math.abs(c.length - q.length) / 4);
      if (q.length >= 5 && withinOneEdit(q, c)) d = Math.min(d, 1);
      s = Math.min(s, d / Math.max(q.length, c.length));
    }
    scored.push({ w, s });
  }
  scored.sort((a, b) => a.s - b.s || (a.w.code < b.w.code ? -1 : 1));
  return scored.slice(0, MAX_NEAR).map((x) => x.w);
}

function uniqueWards(ix: Index, codes: Iterable<string>): Ward[] {
  const seen = new Set<string>();
  const out: Ward[] = [];
  for (const c of codes) {
    if (seen.has(c)) continue;
    seen.add(c);
    const w = ix.u.ward(c);
    if (w) out.push(w);
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** The name's words as written (lower case, one tone placement), without the unit word. */
function accentedCore(name: string): string {
  const words = normalizeVi(name).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ');
  const kind = splitKind(foldPlain(name), ALL_KINDS).kind;
  return normNumbers(words.slice(kind === null ? 0 : kind.split(' ').length).join(' '));
}

/**
 * Narrow a list of same-folded-name units: the same kind (Phường/Xã…) first when the
 * resident wrote one, then the same diacritics when they were typed ("Tân Thành" is
 * not "Tân Thạnh"; "Tan Thanh" may be either).
 */
function prefer<T extends { name: string }>(list: T[], p: Part): T[] {
  let out = list;
  if (p.kind !== null && out.length > 1) {
    const same = out.filter((x) => kindOf(x.name) === p.kind);
    if (same.length > 0) out = same;
  }
  for (const typed of [accentedCore(p.raw), accentedCore(p.raw.split(/\s+/).map((w) => telexToVi(w)).join(' '))]) {
    if (out.length > 1 && typed !== foldPlain(typed)) {
      const exact = out.filter((x) => accentedCore(x.name) === typed);
      if (exact.length > 0) out = exact;
    }
  }
  return out;
}

/** Read one address (see the file comment). */
export function readAddress(input: string): AddressReading {
  const ix = getIndex();
  const ps = parts(input);
  let provinceCodes: string[] | null = null; // new provinces the address may be in
  let oldProvinceCodes: string[] | null = null;
  let districtCodes: string[] | null = null;
  let i = ps.length - 1;

  // 1. The province (last part), current or old name; without commas, the last words of the last part.
  if (ps.length > 0) {
    const lp = ps[i]!;
    const words = lp.raw.split(/\s+/);
    if (lookup(ix.provinceByCore, lp) === undefined && lookup(ix.oldProvinceByCore, lp) === undefined && words.length > 1) {
      for (let n = Math.min(5, words.length - 1); n >= 1; n--) {
        const tail = makePart(words.slice(-n).join(' '));
        if (tail && (tail.kind === null || PROVINCE_KINDS.includes(tail.kind)) && (lookup(ix.provinceByCore, tail) ?? lookup(ix.oldProvinceByCore, tail)) !== undefined) {
          const head = makePart(words.slice(0, -n).join(' '));
          if (head) {
            ps.splice(i, 1, head, tail);
            i++;
          }
          break;
        }
      }
    }
  }
  const last = ps[i];
  if (last && (last.kind === null || PROVINCE_KINDS.includes(last.kind))) {
    const asNew = lookup(ix.provinceByCore, last) ?? (last.kind === null ? ix.provinceByCore.get(last.core.replace(/ /g, '')) : undefined);
    const asOld = lookup(ix.oldProvinceByCore, last);
    if (asNew !== undefined || asOld !== undefined) {
      provinceCodes = asNew !== undefined ? [asNew] : [];
      oldProvinceCodes = asOld ?? [];
      if (asNew === undefined) for (const o of oldProvinceCodes) for (const n of ix.u.newProvincesOfOld(o)) if (!provinceCodes.includes(n)) provinceCodes.push(n);
      i--;
    }
  }

  // 2. An old district (only when it is one of that old province's, or written as Quận/Huyện/Thị xã).
  const dPart = ps[i];
  if (dPart && i > 0) {
    const found = (lookup(ix.districtByCore, dPart) ?? []).filter((c) => {
      const d = ix.u.oldDistrict(c)!;
      return oldProvinceCodes === null ? true : oldProvinceCodes.includes(d.provinceCode) || (provinceCodes ?? []).some((p) => ix.u.newProvincesOfOld(d.provinceCode).includes(p));
    });
    const kindOk = dPart.kind !== null && DISTRICT_KINDS.includes(dPart.kind);
    if (found.length > 0 && (kindOk || dPart.kind === null)) {
      const sameKind = found.filter((c) => dPart.kind === null || kindOf(ix.u.oldDistrict(c)!.name) === dPart.kind);
      districtCodes = sameKind.length > 0 ? sameKind : found;
      i--;
    } else if (kindOk && (dPart.kind === 'quan' || dPart.kind === 'huyen' || dPart.kind === 'thi xa')) {
      districtCodes = []; // a district we do not know: still an old-style address
      i--;
    }
  }

  // 3. The ward: the rightmost remaining part written with a ward word, else the part just before.
  let wi = -1;
  for (let j = i; j >= 0; j--) {
    const k = ps[j]!.kind;
    if (k !== null && WARD_KINDS.includes(k)) {
      wi = j;
      break;
    }
  }
  if (wi < 0 && i >= 0) wi = i;
  const wPart = wi >= 0 ? ps[wi]! : null;
  const street = wi > 0 ? ps.slice(0, wi).map((p) => p.raw).join(', ') : '';

  const base = { input, street };
  const provinceRef = (codes: readonly string[] | null): UnitRef | null => (codes && codes.length === 1 ? ref(ix.u.province(codes[0]!)!) : null);
  const fromWards = (ws: readonly Ward[]): UnitRef | null => {
    const set = new Set(ws.map((w) => w.provinceCode));
    return set.size === 1 ? ref(ix.u.province([...set][0]!)!) : provinceRef(provinceCodes);
  };
  const notFound = (old: AddressReading['old'] = null, among: readonly Ward[] | null = null): AddressReading => {
    const near = wPart ? closestWards(ix, wPart, provinceCodes && provinceCodes.length > 0 ? provinceCodes : null, among && among.length > 0 ? among : null) : [];
    return { ...base, province: provinceRef(provinceCodes), ward: null, candidates: near.map(ref), certain: false, how: 'not-found', old };
  };
  if (!wPart || wPart.core === '') return notFound();

  const inProvince = (w: Ward): boolean => provinceCodes === null || provinceCodes.includes(w.provinceCode);
  const oldInScope = (o: OldWard): boolean => {
    if (districtCodes !== null && districtCodes.length > 0) return districtCodes.includes(o.districtCode);
    if (oldProvinceCodes !== null && oldProvinceCodes.length > 0 && oldProvinceCodes.includes(o.provinceCode)) return true;
    return provinceCodes === null || o.targets.some((t) => provinceCodes!.includes(ix.u.ward(t.wardCode)!.provinceCode));
  };

  const convert = (olds: OldWard[]): AddressReading => {
    const targets = uniqueWards(ix, olds.flatMap((o) => o.targets.map((t) => t.wardCode)));
    const o = olds[0]!;
    const old = olds.length === 1 ? { ward: o.name, district: o.districtName, province: o.provinceName } : null;
    if (targets.length === 1) {
      const w = targets[0]!;
      return { ...base, province: ref(ix.u.province(w.provinceCode)!), ward: ref(w), candidates: [], certain: true, how: 'converted-whole', old };
    }
    return { ...base, province: fromWards(targets), ward: null, candidates: targets.map(ref), certain: false, how: olds.length === 1 ? 'converted-split' : 'ambiguous', old };
  };

  // 4a. Old-style address (a district was given): the conversion table decides.
  if (districtCodes !== null) {
    const olds = prefer((lookup(ix.oldByCore, wPart) ?? []).filter(oldInScope), wPart);
    if (olds.length > 0) return convert(olds);
    // a current ward written with its former district
    const now = prefer((lookup(ix.wardsByCore, wPart) ?? []).filter(inProvince), wPart);
    if (now.length === 1) return { ...base, province: ref(ix.u.province(now[0]!.provinceCode)!), ward: ref(now[0]!), candidates: [], certain: true, how: 'current', old: null };
    // a ward moved to another district before 2025 (Xã Nghi Phong: Huyện Nghi Lộc → Thành phố Vinh): its name,
    // once in the old province (never a bare number such as "Phường 6"), is offered — not certain, the resident chooses
    if (!/^\d+$/.test(wPart.core) && oldProvinceCodes !== null && oldProvinceCodes.length > 0) {
      const moved = prefer((lookup(ix.oldByCore, wPart) ?? []).filter((o) => oldProvinceCodes!.includes(o.provinceCode)), wPart);
      if (moved.length === 1) {
        const targets = uniqueWards(ix, moved[0]!.targets.map((t) => t.wardCode));
        const o = moved[0]!;
        return { ...base, province: fromWards(targets), ward: null, candidates: targets.map(ref), certain: false, how: 'ambiguous', old: { ward: o.name, district: o.districtName, province: o.provinceName } };
      }
    }
    // not in the table (gone before 2025, or a slip): the closest of the wards the old district went into
    const ofDistrict = uniqueWards(ix, ix.u.oldWards.filter((o) => districtCodes!.includes(o.districtCode)).flatMap((o) => o.targets.map((t) => t.wardCode)));
    return notFound(null, ofDistrict);
  }

  // 4b. A current ward of that name.
  const now = prefer((lookup(ix.wardsByCore, wPart) ?? []).filter(inProvince), wPart);
  if (now.length === 1) return { ...base, province: ref(ix.u.province(now[0]!.provinceCode)!), ward: ref(now[0]!), candidates: [], certain: true, how: 'current', old: null };
  if (now.length > 1) return { ...base, province: fromWards(now), ward: null, candidates: now.slice(0, MAX_CANDIDATES).map(ref), certain: false, how: 'ambiguous', old: null };

  // 4c. An old ward (no district written): the table, across the province's old districts.
  if (provinceCodes !== null) {
    const olds = prefer((lookup(ix.oldByCore, wPart) ?? []).filter(oldInScope), wPart);
    if (olds.length > 0) return convert(olds);
  }
  return notFound();
}

/** The JSON line of `npm run address`. */
export function resolveAddress(input: string): ResolvedAddress {
  const r = readAddress(input);
  return { input: r.input, province: r.province, ward: r.ward, candidates: r.candidates, certain: r.certain };
}
