/**
 * The current administrative units (from 1 July 2025): 34 provinces and 3,321
 * wards and communes, no district level — the small half of the national
 * statistics office's table (./data/wards-2025.json, derived by
 * scripts/derive-units.ts; source in ./data/README.md). The old → new
 * conversion is in units.ts (larger; only where old addresses are read).
 *
 * Layer: common — pure data and lookups (the kiosk-config schema validates the
 * ward with it, so it stays small).
 */
import { z } from 'zod';
import raw from './data/wards-2025.json';

export interface Province {
  code: string;
  name: string;
}
export interface Ward {
  code: string;
  name: string;
  provinceCode: string;
}

const Code = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`));
const WardsFile = z.object({
  source: z.string(),
  provinces: z.array(z.tuple([Code(2), z.string().min(1)])).length(34),
  wards: z.array(z.tuple([Code(5), z.string().min(1), Code(2)])).min(1),
});

export interface CurrentUnits {
  readonly source: string;
  readonly provinces: readonly Province[];
  readonly wards: readonly Ward[];
  province(code: string): Province | undefined;
  ward(code: string): Ward | undefined;
  wardsOf(provinceCode: string): readonly Ward[];
}

let cached: CurrentUnits | null = null;

export function currentUnits(): CurrentUnits {
  if (cached) return cached;
  const d = WardsFile.parse(raw);
  const provinces = d.provinces.map(([code, name]) => ({ code, name }));
  const wards = d.wards.map(([code, name, provinceCode]) => ({ code, name, provinceCode }));
  const provinceBy = new Map(provinces.map((p) => [p.code, p]));
  const wardBy = new Map(wards.map((w) => [w.code, w]));
  const wardsOf = new Map<string, Ward[]>();
  for (const w of wards) {
    if (!provinceBy.has(w.provinceCode)) throw new Error(`units: ward ${w.code} in unknown province ${w.provinceCode}`);
    let l = wardsOf.get(w.provinceCode);
    if (!l) wardsOf.set(w.provinceCode, (l = []));
    l.push(w);
  }
  cached = { source: d.source, provinces, wards, province: (c) => provinceBy.get(c), ward: (c) => wardBy.get(c), wardsOf: (c) => wardsOf.get(c) ?? [] };
  return cached;
}

/** Is this ward code a current (2025) ward of that province? For config validation. */
export function isCurrentWard(provinceCode: string, wardCode: string): boolean {
  const w = currentUnits().ward(wardCode);
  return w !== undefined && w.provinceCode === provinceCode;
}
