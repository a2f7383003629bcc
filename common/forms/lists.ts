/**
 * The built-in lists behind the `ethnicity`, `nationality` and `relationship` question types.
 * Layer: common, pure data. The saved value of an ethnicity or a nationality is its Vietnamese
 * name (what the ID card prints and what staff read); a relationship's value is a short slug.
 */
export interface ListOption {
  value: string;
  label: { vi: string; en: string };
}

/** The 54 ethnic groups of Viet Nam (Danh mục các dân tộc Việt Nam, Tổng cục Thống kê), in the list's order. */
const ETHNIC_NAMES = [
  'Kinh', 'Tày', 'Thái', 'Hoa', 'Khơ-me', 'Mường', 'Nùng', 'Hmông', 'Dao', 'Gia-rai', 'Ngái', 'Ê-đê', 'Ba-na', 'Xơ-đăng',
  'Sán Chay', 'Cơ-ho', 'Chăm', 'Sán Dìu', 'Hrê', 'Mnông', 'Ra-glai', 'Xtiêng', 'Bru-Vân Kiều', 'Thổ', 'Giáy', 'Cơ-tu',
  'Gié-Triêng', 'Mạ', 'Khơ-mú', 'Co', 'Tà-ôi', 'Chơ-ro', 'Kháng', 'Xinh-mun', 'Hà Nhì', 'Chu-ru', 'Lào', 'La Chí', 'La Ha',
  'Phù Lá', 'La Hủ', 'Lự', 'Lô Lô', 'Chứt', 'Mảng', 'Pà Thẻn', 'Cơ Lao', 'Cống', 'Bố Y', 'Si La', 'Pu Péo', 'Brâu', 'Ơ-đu', 'Rơ-măm',
];
/** A parent or spouse who is a foreign national has no Vietnamese ethnic group. */
export const ETHNICITIES: readonly ListOption[] = [
  ...ETHNIC_NAMES.map((n) => ({ value: n, label: { vi: n, en: n } })),
  { value: 'Người nước ngoài', label: { vi: 'Người nước ngoài', en: 'Foreign national' } },
];

/** Nationalities, Việt Nam first, then the countries most often met in Vietnamese civil status, by Vietnamese name. */
const COUNTRIES: [string, string][] = [
  ['Việt Nam', 'Viet Nam'], ['Lào', 'Laos'], ['Campuchia', 'Cambodia'], ['Trung Quốc', 'China'], ['Hàn Quốc', 'Republic of Korea'],
  ['Nhật Bản', 'Japan'], ['Đài Loan (Trung Quốc)', 'Taiwan (China)'], ['Thái Lan', 'Thailand'], ['Malaysia', 'Malaysia'], ['Singapore', 'Singapore'],
  ['Indonesia', 'Indonesia'], ['Philippines', 'Philippines'], ['Myanmar', 'Myanmar'], ['Brunei', 'Brunei'], ['Đông Timor', 'Timor-Leste'],
  ['Ấn Độ', 'India'], ['Bangladesh', 'Bangladesh'], ['Pakistan', 'Pakistan'], ['Nepal', 'Nepal'], ['Sri Lanka', 'Sri Lanka'], ['Mông Cổ', 'Mongolia'],
  ['Triều Tiên', "Democratic People's Republic of Korea"], ['Hoa Kỳ', 'United States'], ['Canada', 'Canada'], ['Mexico', 'Mexico'], ['Cuba', 'Cuba'],
  ['Brazil', 'Brazil'], ['Argentina', 'Argentina'], ['Chile', 'Chile'], ['Australia', 'Australia'], ['New Zealand', 'New Zealand'],
  ['Anh', 'United Kingdom'], ['Pháp', 'France'], ['Đức', 'Germany'], ['Ý', 'Italy'], ['Tây Ban Nha', 'Spain'], ['Bồ Đào Nha', 'Portugal'],
  ['Hà Lan', 'Netherlands'], ['Bỉ', 'Belgium'], ['Thụy Sĩ', 'Switzerland'], ['Áo', 'Austria'], ['Thụy Điển', 'Sweden'], ['Na Uy', 'Norway'],
  ['Đan Mạch', 'Denmark'], ['Phần Lan', 'Finland'], ['Ai-len', 'Ireland'], ['Ba Lan', 'Poland'], ['Séc', 'Czechia'], ['Slovakia', 'Slovakia'],
  ['Hungary', 'Hungary'], ['Romania', 'Romania'], ['Bulgaria', 'Bulgaria'], ['Hy Lạp', 'Greece'], ['Nga', 'Russia'], ['Ukraine', 'Ukraine'],
  ['Belarus', 'Belarus'], ['Kazakhstan', 'Kazakhstan'], ['Uzbekistan', 'Uzbekistan'], ['Thổ Nhĩ Kỳ', 'Türkiye'], ['Israel', 'Israel'],
  ['Ả Rập Xê-út', 'Saudi Arabia'], ['Các Tiểu vương quốc Ả Rập Thống nhất', 'United Arab Emirates'], ['Qatar', 'Qatar'], ['Ai Cập', 'Egypt'],
  ['Nam Phi', 'South Africa'], ['Nigeria', 'Nigeria'],
];
export const NATIONALITIES: readonly ListOption[] = [
  ...COUNTRIES.map(([vi, en]) => ({ value: vi, label: { vi, en } })),
  { value: 'Không quốc tịch', label: { vi: 'Không quốc tịch', en: 'Stateless' } },
];

/** Family relationships: of the person registering to the person concerned, of a household member to the head. */
export const RELATIONSHIPS: readonly ListOption[] = [
  ['cha', 'Cha', 'Father'], ['me', 'Mẹ', 'Mother'], ['vo', 'Vợ', 'Wife'], ['chong', 'Chồng', 'Husband'], ['con', 'Con', 'Child'],
  ['ong', 'Ông', 'Grandfather'], ['ba', 'Bà', 'Grandmother'], ['chau', 'Cháu', 'Grandchild, niece or nephew'], ['anh', 'Anh', 'Elder brother'],
  ['chi', 'Chị', 'Elder sister'], ['em', 'Em', 'Younger sibling'], ['chu', 'Chú', 'Uncle (father’s younger brother)'], ['bac', 'Bác', 'Uncle or aunt (parent’s elder sibling)'],
  ['co', 'Cô', 'Aunt (father’s sister)'], ['cau', 'Cậu', 'Uncle (mother’s brother)'], ['di', 'Dì', 'Aunt (mother’s sister)'],
  ['con-dau', 'Con dâu', 'Daughter-in-law'], ['con-re', 'Con rể', 'Son-in-law'], ['nguoi-giam-ho', 'Người giám hộ', 'Guardian'], ['khac', 'Người khác', 'Other'],
].map(([value, vi, en]) => ({ value: value!, label: { vi: vi!, en: en! } }));

export const SEXES: readonly ListOption[] = [
  { value: 'Nam', label: { vi: 'Nam', en: 'Male' } },
  { value: 'Nữ', label: { vi: 'Nữ', en: 'Female' } },
];

export const YES_NO: readonly ListOption[] = [
  { value: 'yes', label: { vi: 'Có', en: 'Yes' } },
  { value: 'no', label: { vi: 'Không', en: 'No' } },
];
