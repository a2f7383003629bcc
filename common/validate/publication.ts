/**
 * What staff publish, checked against the kiosk-config schemas, with one
 * Vietnamese message per field path. Pure (zod + kiosk-config only): the hub
 * uses it before publishing and the staff console while the staff type.
 *
 * Ward settings = the kiosk config without `kiosk` (id and number are the
 * device's own), `version` (set by the hub), `hub` and `devices` (local to
 * each machine). The kiosk merges the published settings over its own file.
 */
import type { z } from 'zod';
import { CatalogueFileSchema, ServiceSchema } from '../../kiosk-config/catalogue.schema.ts';
import { KioskConfigSchema } from '../../kiosk-config/config.schema.ts';

export const WardSettingsSchema = KioskConfigSchema.omit({ kiosk: true, version: true, hub: true, devices: true });
export type WardSettings = z.infer<typeof WardSettingsSchema>;

export interface FieldIssue {
  part: 'config' | 'catalogue';
  path: string;
  message: string;
}

const pathOf = (p: readonly PropertyKey[]): string => p.map(String).join('.') || '(gốc)';

/** A zod issue in Vietnamese (the schema's own English text is kept for custom rules). */
export function issueVi(i: z.core.$ZodIssue): string {
  const x = i as z.core.$ZodIssue & Record<string, unknown>;
  switch (i.code) {
    case 'invalid_type':
      return x.input === undefined ? `Thiếu trường bắt buộc (cần ${String(x.expected)})` : `Sai kiểu dữ liệu: cần ${String(x.expected)}`;
    case 'too_small':
      return x.origin === 'string' ? `Quá ngắn: tối thiểu ${String(x.minimum)} ký tự` : x.origin === 'array' ? `Quá ít phần tử: tối thiểu ${String(x.minimum)}` : `Quá nhỏ: tối thiểu ${String(x.minimum)}`;
    case 'too_big':
      return x.origin === 'string' ? `Quá dài: tối đa ${String(x.maximum)} ký tự` : x.origin === 'array' ? `Quá nhiều phần tử: tối đa ${String(x.maximum)}` : `Quá lớn: tối đa ${String(x.maximum)}`;
    case 'invalid_format':
      return `Không đúng định dạng (${String(x.format)})${i.message && !/^Invalid/.test(i.message) ? `: ${i.message}` : ''}`;
    case 'unrecognized_keys':
      return `Trường không được phép: ${(x.keys as string[]).join(', ')}`;
    case 'invalid_value':
      return `Giá trị không hợp lệ; chấp nhận: ${(x.values as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'Không khớp với dạng nào được phép';
    case 'not_multiple_of':
      return `Phải là bội số của ${String(x.divisor)}`;
    default:
      return `Không hợp lệ: ${i.message}`;
  }
}

function issues(part: FieldIssue['part'], error: z.ZodError, prefix: PropertyKey[] = []): FieldIssue[] {
  return error.issues.map((i) => ({ part, path: pathOf([...prefix, ...i.path]), message: issueVi(i) }));
}

/** Ward settings for `ward` (its agency code): issues, or none. */
export function validateWardSettings(raw: unknown, ward: string): { ok: true; value: WardSettings } | { ok: false; issues: FieldIssue[] } {
  const r = WardSettingsSchema.safeParse(raw);
  if (!r.success) return { ok: false, issues: issues('config', r.error) };
  if (r.data.ward.agencyCode !== ward) {
    return { ok: false, issues: [{ part: 'config', path: 'ward.agencyCode', message: `Mã cơ quan phải là mã của phường này (${ward})` }] };
  }
  return { ok: true, value: r.data };
}

/** The whole catalogue must be valid: staff publish no broken entry (the kiosk would skip it). */
export function validateCatalogue(raw: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
  const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? { version: 'draft', ...(raw as Record<string, unknown>) } : raw;
  const file = CatalogueFileSchema.safeParse(obj);
  if (!file.success) return { ok: false, issues: issues('catalogue', file.error) };
  const out: FieldIssue[] = [];
  const categoryIds = new Set<string>();
  file.data.categories.forEach((c, i) => {
    if (categoryIds.has(c.id)) out.push({ part: 'catalogue', path: `categories.${i}.id`, message: `Trùng mã lĩnh vực "${c.id}"` });
    categoryIds.add(c.id);
  });
  const codes = new Set<string>();
  file.data.services.forEach((entry, index) => {
    const r = ServiceSchema.safeParse(entry);
    if (!r.success) {
      out.push(...issues('catalogue', r.error, ['services', index]));
      return;
    }
    const s = r.data;
    if (!categoryIds.has(s.field)) out.push({ part: 'catalogue', path: `services.${index}.field`, message: `Lĩnh vực không tồn tại: "${s.field}"` });
    s.alsoIn.forEach((f, j) => {
      if (!categoryIds.has(f)) out.push({ part: 'catalogue', path: `services.${index}.alsoIn.${j}`, message: `Lĩnh vực không tồn tại: "${f}"` });
    });
    if (codes.has(s.code)) out.push({ part: 'catalogue', path: `services.${index}.code`, message: `Trùng mã thủ tục "${s.code}"` });
    codes.add(s.code);
    const q = new Set<string>();
    s.questions.forEach((qq, j) => {
      if (q.has(qq.id)) out.push({ part: 'catalogue', path: `services.${index}.questions.${j}.id`, message: `Trùng mã câu hỏi "${qq.id}"` });
      q.add(qq.id);
    });
  });
  if (out.length) return { ok: false, issues: out.slice(0, 200) };
  const { version: _v, ...rest } = file.data as Record<string, unknown>;
  return { ok: true, value: rest };
}

/** Both parts; issues of both, at most 200. */
export function validatePublication(config: unknown, catalogue: unknown, ward: string): { ok: true; config: WardSettings; catalogue: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
  const a = validateWardSettings(config, ward);
  const b = validateCatalogue(catalogue);
  if (a.ok && b.ok) return { ok: true, config: a.value, catalogue: b.value };
  return { ok: false, issues: [...(a.ok ? [] : a.issues), ...(b.ok ? [] : b.issues)].slice(0, 200) };
}
