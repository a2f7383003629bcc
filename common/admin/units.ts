/**
 * Vietnam's administrative units from 1 July 2025 (34 provinces, 3,321 wards
 * and communes, no district level) and the official old → new conversion,
 * loaded from the compact tables in ./data/ (wards-2025.json, conversion-2025.json) (derived from the
 * national statistics office's table by scripts/derive-units.ts; source and
 * licence in ./data/README.md).
 *
 * Layer: common — pure data and lookups.
 */
import { z } from 'zod';
import { fold } from '../text/fold.ts';
import raw from './data/conversion-2025.json';
import { currentUnits, type CurrentUnits } from './wards.ts';

export { isCurrentWard, type Province, type Ward } from './wards.ts';
/** How an old unit went into a new one, as the table says it. */
export type ConversionKind = 'whole' | 'split' | 'unchanged' | 'renamed' | 'changed-kind';
export interface OldWard {
  code: string;
  name: string;
  districtCode: string;
  districtName: string;
  provinceCode: string;
  provinceName: string;
  /** The new wards it went into, with the table's note and its reading. */
  targets: { wardCode: string; note: string; kind: ConversionKind }[];
}

const Code = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`));
const DataSchema = z.object({
  source: z.string(),
  notes: z.array(z.string()),
  oldProvinces: z.array(z.tuple([Code(2), z.string().min(1)])),
  oldDistricts: z.array(z.tuple([Code(3), z.string().min(1), Code(2)])),
  oldWards: z.array(z.tuple([z.string().regex(/^(\d{5})?$/), z.string(), Code(3), z.array(z.tuple([Code(5), z.number().int().nonnegative()])).min(1)])),
});

/** The table's note → what it means for an address (README of the data). */
export function conversionKind(note: string): ConversionKind {
  const n = fold(note);
  if (n.includes('mot phan') || n.includes('phan con lai')) return 'split';
  if (n.startsWith('giu nguyen')) return 'unchanged';
  if (n.startsWith('doi ten')) return 'renamed';
  if (n.startsWith('doi loai hinh')) return 'changed-kind';
  return 'whole';
}

export interface Units extends CurrentUnits {
  readonly oldWards: readonly OldWard[];
  oldProvinceName(code: string): string | undefined;
  /** The new province(s) an old province's units went into. */
  newProvincesOfOld(oldProvinceCode: string): readonly string[];
  oldDistrict(code: string): { code: string; name: string; provinceCode: string } | undefined;
}

let cached: Units | null = null;

/** The table, parsed and indexed once (a few ms). */
export function units(): Units {
  if (cached) return cached;
  const d = DataSchema.parse(raw);
  const cur = currentUnits();
  const oldProvinceName = new Map(d.oldProvinces.map(([c, n]) => [c, n]));
  const districts = new Map(d.oldDistricts.map(([code, name, provinceCode]) => [code, { code, name, provinceCode }]));
  const newOfOld = new Map<string, Set<string>>();
  const oldWards: OldWard[] = d.oldWards.map(([code, name, districtCode, targets]) => {
    const dist = districts.get(districtCode);
    if (!dist) throw new Error(`units: old ward in unknown district ${districtCode}`);
    const out: OldWard = {
      code,
      name,
      districtCode,
      districtName: dist.name,
      provinceCode: dist.provinceCode,
      provinceName: oldProvinceName.get(dist.provinceCode) ?? '',
      targets: targets.map(([wardCode, n]) => {
        if (!cur.ward(wardCode)) throw new Error(`units: conversion to unknown ward ${wardCode}`);
        const note = d.notes[n] ?? '';
        return { wardCode, note, kind: conversionKind(note) };
      }),
    };
    let s = newOfOld.get(dist.provinceCode);
    if (!s) newOfOld.set(dist.provinceCode, (s = new Set()));
    for (const t of out.targets) s.add(cur.ward(t.wardCode)!.provinceCode);
    return out;
  });
  cached = {
    source: d.source,
    provinces: cur.provinces,
    wards: cur.wards,
    oldWards,
    province: cur.province,
    ward: cur.ward,
    wardsOf: cur.wardsOf,
    oldProvinceName: (c) => oldProvinceName.get(c),
    newProvincesOfOld: (c) => [...(newOfOld.get(c) ?? [])].sort(),
    oldDistrict: (c) => districts.get(c),
  };
  return cached;
}
