/**
 * Derives common/admin/data/wards-2025.json (the 34 provinces and 3,321 wards) and
 * common/admin/data/conversion-2025.json (old ward → new wards), the compact form the resolver uses,
 * from the national statistics office's conversion table as a CSV
 * (columns: new_province_code, new_province, new_ward_code, new_ward,
 * old_ward_code, old_ward, note, old_district_code, old_district,
 * old_province_code, old_province — see common/admin/data/README.md).
 *
 *   node --import tsx scripts/derive-units.ts path/to/conversion.csv [common/admin/data]
 *
 * What it changes: whitespace inside names collapsed, NFC; one name per code
 * (the most frequent spelling); old wards keyed by (old district code, name),
 * because the table reuses a few old ward codes for two communes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const clean = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The most frequent spelling seen for each code. */
class Names {
  private seen = new Map<string, Map<string, number>>();
  add(code: string, name: string): void {
    let m = this.seen.get(code);
    if (!m) this.seen.set(code, (m = new Map()));
    m.set(name, (m.get(name) ?? 0) + 1);
  }
  get(code: string): string {
    const m = this.seen.get(code)!;
    return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  }
  codes(): string[] {
    return [...this.seen.keys()].sort();
  }
}

const file = process.argv[2];
const outDir = process.argv[3] ?? path.join('common', 'admin', 'data');
if (!file) {
  process.stderr.write('usage: derive-units.ts conversion.csv [out-dir]\n');
  process.exit(2);
}
const [header, ...rows] = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
const expected = 'new_province_code,new_province,new_ward_code,new_ward,old_ward_code,old_ward,note,old_district_code,old_district,old_province_code,old_province';
if (header!.join(',') !== expected) throw new Error(`unexpected header: ${header!.join(',')}`);

const provinces = new Names();
const wards = new Names();
const wardProvince = new Map<string, string>();
const oldProvinces = new Names();
const oldDistricts = new Names();
const districtProvince = new Map<string, string>();
const notes: string[] = [];
interface OldWard {
  code: string;
  name: string;
  district: string;
  targets: [string, number][];
}
const oldWards = new Map<string, OldWard>();

for (const r of rows) {
  if (r.length !== 11) throw new Error(`row with ${r.length} columns: ${r.join(',')}`);
  const [npc, np, nwc, nw, owc, ow, note, odc, od, opc, op] = r.map(clean) as [string, string, string, string, string, string, string, string, string, string, string];
  if (!/^\d{2}$/.test(npc) || !/^\d{5}$/.test(nwc) || !/^\d{3}$/.test(odc) || !/^\d{2}$/.test(opc)) throw new Error(`bad code in row ${r.join(',')}`);
  provinces.add(npc, np);
  wards.add(nwc, nw);
  wardProvince.set(nwc, npc);
  oldProvinces.add(opc, op);
  oldDistricts.add(odc, od);
  districtProvince.set(odc, opc);
  let n = notes.indexOf(note);
  if (n < 0) n = notes.push(note) - 1;
  const key = `${odc}|${ow.toLowerCase()}`;
  let w = oldWards.get(key);
  if (!w) oldWards.set(key, (w = { code: owc, name: ow, district: odc, targets: [] }));
  if (!w.targets.some((t) => t[0] === nwc)) w.targets.push([nwc, n]);
}

const out = {
  source:
    'Bảng chuyển đổi ĐVHC mới – cũ (từ 1/7/2025), Cục Thống kê, Bộ Tài chính — see common/admin/data/README.md',
  notes,
  provinces: provinces.codes().map((c) => [c, provinces.get(c)]),
  wards: wards.codes().map((c) => [c, wards.get(c), wardProvince.get(c)]),
  oldProvinces: oldProvinces.codes().map((c) => [c, oldProvinces.get(c)]),
  oldDistricts: oldDistricts.codes().map((c) => [c, oldDistricts.get(c), districtProvince.get(c)]),
  oldWards: [...oldWards.values()]
    .sort((a, b) => (a.district + a.code + a.name < b.district + b.code + b.name ? -1 : 1))
    .map((w) => [w.code, w.name, w.district, w.targets]),
};
// Two files (the current units are small and needed everywhere; the conversion only where old
// addresses are read), one unit per line for readable diffs when the table is updated.
function write(file: string, obj: Record<string, unknown>): void {
  const lines = ['{'];
  const keys = Object.keys(obj);
  keys.forEach((k, ki) => {
    const v = obj[k];
    const end = ki < keys.length - 1 ? ',' : '';
    if (Array.isArray(v) && Array.isArray(v[0])) {
      lines.push(`${JSON.stringify(k)}:[`);
      v.forEach((x, i) => lines.push(JSON.stringify(x) + (i < v.length - 1 ? ',' : '')));
      lines.push(`]${end}`);
    } else lines.push(`${JSON.stringify(k)}:${JSON.stringify(v)}${end}`);
  });
  lines.push('}');
  writeFileSync(path.join(outDir, file), lines.join('\n') + '\n');
}
write('wards-2025.json', { source: out.source, provinces: out.provinces, wards: out.wards });
write('conversion-2025.json', { source: out.source, notes: out.notes, oldProvinces: out.oldProvinces, oldDistricts: out.oldDistricts, oldWards: out.oldWards });
