/**
 * Checks for a name read by OCR from the card's front: is every word a Vietnamese syllable, and a
 * closed list of Vietnamese surnames used for the FIRST word only. Tesseract's 'vie' model tends to
 * drop a mark on the bold capitals ("ĐẶNG" read "ĐĂNG", "PHẠM" read "PHAM", "NGUYỄN" read "NGUYÊN");
 * when the first word is not itself a known surname and exactly one known surname of the same letters
 * could have been read so (marks lost or a tone misread, never a mark where the surname has none:
 * `marksLostFrom`), that surname is taken (and the caller lowers the field's confidence). Nothing is
 * ever invented: any other word, an ambiguous fold ("La"/"Lã", "Hà"/"Hạ") or an unknown fold leaves
 * the text as read.
 *
 * Layer: common — pure string code.
 */
import { fold } from '../text/fold.ts';
import { parseSyllable, VALID_NUCLEI } from '../text/syllable.ts';
import { twoWordSurname } from './given-names.ts';

/**
 * Vietnamese surnames: the most frequent ones (Nguyễn … Mai cover most of the population) and the
 * rarer ones that fold to the same letters as a frequent one (Lường/Lương, Lã/La, Hạ/Hà, Mã/Ma …),
 * so that such a fold is ambiguous and left alone rather than "corrected" to the wrong surname.
 */
export const VIETNAMESE_SURNAMES: readonly string[] = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng',
  'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh', 'Lương', 'Mai',
  'Đào', 'Đoàn', 'Trương', 'Lâm', 'Phùng', 'Cao', 'Tạ', 'Hà', 'Lưu', 'Tô',
  'Châu', 'Chu', 'Thái', 'Quách', 'Tăng', 'Triệu', 'Từ', 'La', 'Lại', 'Kiều',
  'Khúc', 'Kim', 'Lò', 'Mạc', 'Nghiêm', 'Âu', 'Ninh', 'Nông', 'Tôn', 'Tống',
  'Thân', 'Thạch', 'Giáp', 'Hứa', 'Hầu', 'Diệp', 'Doãn', 'Đàm', 'Đồng', 'Đậu',
  'Đường', 'Khổng', 'Khương', 'Lạc', 'Lã', 'Lục', 'Mạch', 'Mẫn', 'Phó', 'Phí',
  'Quan', 'Sầm', 'Sơn', 'Thiều', 'Tiêu', 'Trình', 'Trang', 'Ông', 'Vương', 'Vi',
  'Viên', 'Bạch', 'Bế', 'Cù', 'Cung', 'Dư', 'Giang', 'Hàn', 'Hạ', 'Mã',
  'Ma', 'Nhữ', 'Ôn', 'Phương', 'Quản', 'Tiết', 'Ung', 'Văn', 'Lường', 'Lữ',
  'Liêu', 'Đổng', 'Hoa', 'Lỗ', 'Tào', 'Thi', 'Vòng', 'Ân',
  // Rarer surnames (session 7): read right, they were "corrected" to the one list surname of the same fold (Ứng → Ung).
  'Ứng', 'Chử', 'Cấn', 'Khuất', 'Kha', 'Chế', 'Mông',
  // Session 8: surnames of the northern uplands' peoples (Hmong: Giàng, Sùng, Thào, Vàng, Mùa, Lầu;
  // Thái: Quàng, Cầm; Kinh: Lều), common in the wards this kiosk serves there. Only ones whose letters
  // no listed surname shares, or whose twin cannot be misread as them (Giàng/Giang): Hờ (→ Hồ) and Tòng
  // (→ Tống) are left out, they would make "HO" and "TONG" ambiguous and lose those fixes.
  'Giàng', 'Sùng', 'Thào', 'Vàng', 'Mùa', 'Lầu', 'Quàng', 'Cầm', 'Lều',
];

const KNOWN = new Set(VIETNAMESE_SURNAMES.map((s) => s.normalize('NFC').toLocaleLowerCase('vi')));
/** The list's first twenty, Nguyễn … Mai: the surnames most of the population carries. */
const COMMON = new Set(VIETNAMESE_SURNAMES.slice(0, VIETNAMESE_SURNAMES.indexOf('Mai') + 1).map((s) => s.toLocaleLowerCase('vi')));

/** One of the most frequent surnames (Nguyễn … Mai, the head of the list). */
export function isCommonSurname(word: string): boolean {
  return COMMON.has(word.normalize('NFC').toLocaleLowerCase('vi'));
}
const BY_FOLD = new Map<string, string[]>();
for (const s of VIETNAMESE_SURNAMES) {
  const k = fold(s);
  const list = BY_FOLD.get(k) ?? [];
  if (!list.includes(s)) list.push(s);
  BY_FOLD.set(k, list);
}

/** Stop finals (c, ch, p, t) carry only the sắc or nặng tone ("Lộc", "Đạt", "Phúc"; never "Đỗt", nor unmarked "Quôc"). */
const STOP_CODAS = new Set(['c', 'ch', 'p', 't']);

/** Title case the Vietnamese way (NFC, each word's first letter upper case): "NGUYỄN VĂN AN" → "Nguyễn Văn An". */
export function titleCaseVi(s: string): string {
  return s
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((w) => (w ? w[0]!.toLocaleUpperCase('vi') + w.slice(1) : w))
    .join(' ')
    .normalize('NFC');
}

/** True when `word` (any case, NFC) is a well-formed Vietnamese syllable: onset, a real vowel nucleus, final, one tone. */
export function isVietnameseSyllable(word: string): boolean {
  const s = parseSyllable(word.normalize('NFC'));
  if (!s || s.nucleus.length === 0) return false;
  if (!VALID_NUCLEI.has(s.nucleus.map((v) => v.base).join(''))) return false;
  if (STOP_CODAS.has(s.coda.toLowerCase()) && s.tone !== 1 && s.tone !== 5) return false;
  // (session 9) The diphthongs iê/yê, uô, ươ close with a final (tiên, yêu, muôn, mười); open they are
  // written ia/ya, ua, ưa — "DIỆ" (DIỆU split by OCR) is no syllable.
  const nucleus = s.nucleus.map((v) => v.base).join('');
  // (session 12) So does the long oo (boong, xoong, soóc): "ĐOO" is no syllable.
  if (s.coda === '' && /(iê|yê|uô|ươ|oo)$/.test(nucleus)) return false;
  // "ngh"/"gh" only before front vowels (nghĩa, ghế), "k" too (kim, kê)
  const on = s.onset.toLowerCase();
  const first = s.nucleus[0]!.base;
  if ((on === 'ngh' || on === 'gh' || on === 'k') && !['i', 'e', 'ê', 'y'].includes(first)) return false;
  return true;
}

/** Every word of a name is a Vietnamese syllable. */
export function allSyllables(name: string): boolean {
  const words = name.split(' ').filter((w) => w !== '');
  return words.length > 0 && words.every(isVietnameseSyllable);
}

export interface SurnameFix {
  value: string;
  /** The first word was replaced by a known surname. */
  changed: boolean;
}

/** A word (any case) is on the closed surname list. */
export function isKnownSurname(word: string): boolean {
  return KNOWN.has(word.normalize('NFC').toLocaleLowerCase('vi'));
}

/** Tone marks (combining): grave, acute, tilde, hook above, dot below. */
const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

/** The marks of one letter: its tone (or '') and its other marks (circumflex, breve, horn; đ's stroke). */
function marksOf(ch: string): { tone: string; mods: string[] } {
  const d = ch.toLowerCase().normalize('NFD');
  const rest = [...d.slice(1)];
  const mods = rest.filter((m) => !TONES.has(m));
  if (d[0] === 'đ') mods.push('stroke');
  return { tone: rest.find((m) => TONES.has(m)) ?? '', mods };
}

/** A word's letters with their non-tone marks (circumflex, breve, horn, đ's stroke) and no tone, lower case: "Khắc" → "khăc". */
export function withoutTone(word: string): string {
  return [...word.normalize('NFC')].map((ch) => {
    const d = ch.toLowerCase().normalize('NFD');
    return [...d].filter((m) => !TONES.has(m)).join('').normalize('NFC');
  }).join('');
}

/** Every non-tone mark of `a` is on the same letter of `b` (same letters; "khac" ⊂ "khăc", "ho" ⊂ "hô"). */
export function modifiersWithin(a: string, b: string): boolean {
  const x = [...withoutTone(a)];
  const y = [...withoutTone(b)];
  if (x.length !== y.length) return false;
  return x.every((ch, i) => {
    const have = marksOf(y[i]!).mods;
    return marksOf(ch).mods.every((m) => have.includes(m));
  });
}

/** The dot below: the one tone printed under its letter. */
const DOT_BELOW = '\u0323';

/** Both words carry a tone, one above the letters and the other the dot below. */
function otherSide(a: string, b: string): boolean {
  const tone = (w: string) => [...w.normalize('NFC')].map((ch) => marksOf(ch).tone).find((t) => t !== '') ?? '';
  const [x, y] = [tone(a), tone(b)];
  return x !== '' && y !== '' && (x === DOT_BELOW) !== (y === DOT_BELOW);
}

/**
 * `read` could be `full` as tesseract misreads bold capitals: marks lost, or a tone read as another
 * tone on the same side of the letter — but never a mark where `full` has none (a circumflex, breve,
 * horn or stroke it lacks, or a tone on a letter without one). A mark tesseract does see is evidence:
 * "ỨNG" is not "Ung" with its marks lost, so it is not turned into Ung; "TRẤN" is "Trần" with its tone
 * misread. (session 12) A tone seen above the letters is no misread dot below, nor a dot seen below one
 * above: they are printed apart, over the cap line and under the baseline — "ĐÀNG" (a Chăm surname,
 * off the list) is not "Đặng" with its breve lost and its dot read as a grave (generator 9).
 */
export function marksLostFrom(read: string, full: string): boolean {
  const a = [...read.normalize('NFC')];
  const b = [...full.normalize('NFC')];
  if (a.length !== b.length) return false;
  return a.every((ch, i) => {
    const r = marksOf(ch);
    const f = marksOf(b[i]!);
    return r.mods.every((m) => f.mods.includes(m)) && (r.tone === '' || (f.tone !== '' && (r.tone === DOT_BELOW) === (f.tone === DOT_BELOW)));
  });
}

/**
 * The first word of a title-case name checked against the closed surname list (see the file's note):
 * replaced only by the one list surname of the same fold that the reading could be (`marksLostFrom`).
 * Other words are never touched.
 */
export function fixSurname(name: string): SurnameFix {
  const words = name.normalize('NFC').split(' ');
  const first = words[0];
  if (!first || words.length < 2) return { value: name, changed: false };
  // A two-word surname read as printed (Tư Mã, Âu Dương …: given-names.ts) is the family's, not a misread one-word surname.
  if (words.length >= 3 && twoWordSurname(first, words[1]!)) return { value: name, changed: false };
  const s = surnameOf(first);
  if (!s || s === first) return { value: name, changed: false };
  return { value: [s, ...words.slice(1)].join(' '), changed: true };
}

/**
 * The list surname a word (title case, NFC) is — itself when listed — or could have been read from
 * (the one list surname of the same letters it could be misread from: `marksLostFrom`); undefined
 * when none or several.
 */
export function surnameOf(word: string): string | undefined {
  const w = word.normalize('NFC');
  if (KNOWN.has(w.toLocaleLowerCase('vi'))) return w;
  const same = BY_FOLD.get(fold(w)) ?? [];
  const matches = same.filter((s) => marksLostFrom(w, s));
  if (matches.length > 0) return matches.length === 1 ? matches[0] : undefined;
  // (session 9) No surname it could be read from: a tone read where the one listed surname with exactly
  // its other marks has none — "LỄ" is no surname, Lê is; "ẤU" is Âu, "TỒN NỮ" is Tôn Nữ (development
  // cards of sets 3 and 6). The other marks still must match: "ỨNG" never becomes Ung.
  // (session 12: nor a listed surname whose tone is on the other side of the letters — "ĐÀNG" is not Đặng, see marksLostFrom)
  const toneOnly = same.filter((s) => withoutTone(s) === withoutTone(w) && !otherSide(w, s));
  return toneOnly.length === 1 ? toneOnly[0] : undefined;
}
