/**
 * A plausible large catalogue for the search benchmark and scale tests: the
 * real procedures plus variants ("… có yếu tố nước ngoài", "… lưu động", …)
 * with their own codes, keywords, summaries and popularity. Deterministic.
 */
import { readFileSync } from 'node:fs';
import { parseCatalogue, type Catalogue, type Service } from '../../../kiosk-config/catalogue.schema.ts';
import { seeded } from '../../support/rng.ts';

export const CATALOGUE_URL = new URL('../../../kiosk-config/catalogue/services.json', import.meta.url);

export function loadCatalogue(): Catalogue {
  return parseCatalogue(JSON.parse(readFileSync(CATALOGUE_URL, 'utf8')));
}

interface Qualifier {
  vi: string;
  en: string;
  kw: string;
}

const QUALIFIERS: readonly Qualifier[] = [
  { vi: 'có yếu tố nước ngoài', en: 'involving a foreign element', kw: 'người nước ngoài' },
  { vi: 'lưu động', en: 'mobile service', kw: 'cán bộ đến nhà' },
  { vi: 'lại', en: 'again', kw: 'làm lại' },
  { vi: 'kết hợp nhận cha, mẹ, con', en: 'combined with recognition of parentage', kw: 'nhận cha con' },
  { vi: 'cho người từ đủ 14 tuổi trở lên', en: 'for people aged 14 and over', kw: 'trên 14 tuổi' },
  { vi: 'ở khu vực biên giới', en: 'in border areas', kw: 'biên giới' },
  { vi: 'quá hạn', en: 'after the deadline', kw: 'trễ hạn' },
  { vi: 'cho trẻ em bị bỏ rơi', en: 'for an abandoned child', kw: 'trẻ bị bỏ rơi' },
  { vi: 'cho người dân tộc thiểu số', en: 'for ethnic minorities', kw: 'dân tộc' },
  { vi: 'cho người có công với cách mạng', en: 'for people with meritorious services', kw: 'người có công' },
  { vi: 'cho hộ cận nghèo', en: 'for near-poor households', kw: 'cận nghèo' },
  { vi: 'trên Cổng Dịch vụ công quốc gia', en: 'on the National Public Service Portal', kw: 'dịch vụ công' },
  { vi: 'tại nơi tạm trú', en: 'at the place of temporary residence', kw: 'nơi ở hiện tại' },
  { vi: 'tại nơi thường trú', en: 'at the place of permanent residence', kw: 'quê quán' },
  { vi: 'cho người cao tuổi', en: 'for older people', kw: 'người già' },
  { vi: 'cho người khuyết tật nặng', en: 'for people with severe disabilities', kw: 'khuyết tật nặng' },
  { vi: 'đối với người đang ở nước ngoài', en: 'for people living abroad', kw: 'Việt kiều' },
  { vi: 'trong thời hạn 60 ngày', en: 'within 60 days', kw: 'đúng hạn' },
  { vi: 'qua dịch vụ bưu chính', en: 'by post', kw: 'gửi bưu điện' },
  { vi: 'theo ủy quyền', en: 'by proxy', kw: 'người được ủy quyền' },
  { vi: 'cho trẻ em dưới 6 tuổi', en: 'for children under 6', kw: 'trẻ nhỏ' },
  { vi: 'cho người thuộc diện bảo trợ xã hội', en: 'for social-assistance beneficiaries', kw: 'bảo trợ' },
  { vi: 'khi chuyển đến phường mới', en: 'after moving to a new ward', kw: 'chuyển nhà' },
  { vi: 'sau sắp xếp đơn vị hành chính', en: 'after the administrative merger', kw: 'sáp nhập phường' },
];

const EXTRA_SENTENCES: readonly string[] = [
  'Hồ sơ nộp tại Trung tâm phục vụ hành chính công của phường.',
  'Kết quả trả qua bưu điện nếu ông/bà đăng ký.',
  'Cán bộ sẽ gọi điện nếu hồ sơ còn thiếu giấy tờ.',
  'Có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ.',
  'Không mất phí với người thuộc hộ nghèo.',
];

/** `count` procedures: the real ones first, then variants of them (popularity 0–60). */
export function generateCatalogue(base: readonly Service[], count: number, seed = 2026): Service[] {
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const out: Service[] = base.slice(0, count);
  for (let n = out.length; n < count; n++) {
    const b = pick(base);
    const q1 = pick(QUALIFIERS);
    const q2 = random() < 0.4 ? pick(QUALIFIERS) : undefined;
    const qs = q2 && q2 !== q1 ? [q1, q2] : [q1];
    out.push({
      ...b,
      code: `${3 + (n % 6)}.${String(100000 + n).padStart(6, '0')}`,
      name: {
        vi: `${b.name.vi} ${qs.map((q) => q.vi).join(', ')}`,
        en: `${b.name.en} ${qs.map((q) => q.en).join(', ')}`,
      },
      keywords: [...b.keywords.slice(0, 5), ...qs.map((q) => q.kw)],
      summary: { vi: `${b.summary.vi} ${pick(EXTRA_SENTENCES)}`, en: b.summary.en },
      popularity: Math.floor(random() * 61),
    });
  }
  return out;
}
