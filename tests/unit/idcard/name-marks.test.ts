/**
 * The name's marks seen in the pixels (session 11, idtone: drivers/idcard/name-marks.ts and
 * name-marks-vote.ts). Capital syllables rendered here with @napi-rs/canvas in three faces at three sizes
 * → the marks found; a voted name whose dot below the model dropped is mended; one whose marks the
 * pixels cannot tell stays as read.
 */
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { nameCandidate, rareSurnameAsRead, type NameRead } from '../../../drivers/idcard/front-name.ts';
import { hocrWordBoxes, wordMarks, type WordMarks } from '../../../drivers/idcard/name-marks.ts';
import { mendByMarks, withTone } from '../../../drivers/idcard/name-marks-vote.ts';
import type { GreyImage } from '../../../drivers/idcard/text-line.ts';

const FACES: [string, string][] = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', 'MarksDejaVu'],
  ['/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf', 'MarksLiberation'],
  ['/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf', 'MarksFreeSerif'],
];
for (const [p, n] of FACES) GlobalFonts.registerFromPath(p, n);
const SIZES = [28, 40, 56];

/** A line of capital words drawn black on white, with each word's box (as tesseract's hOCR gives them). */
function line(words: string[], face: string, size: number): { img: GreyImage; boxes: { text: string; x0: number; y0: number; x1: number; y1: number }[] } {
  const c = createCanvas(Math.round(size * (words.join(' ').length * 0.95 + 2)), Math.round(size * 2.6));
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.fillStyle = '#000';
  ctx.font = `${size}px ${face}`;
  let x = size * 0.6;
  const boxes = [];
  for (const w of words) {
    ctx.fillText(w, x, size * 1.8);
    const wd = ctx.measureText(w).width;
    boxes.push({ text: w, x0: Math.floor(x) - 2, y0: 0, x1: Math.ceil(x + wd) + 2, y1: c.height - 1 });
    x += wd + size * 0.8;
  }
  const rgba = ctx.getImageData(0, 0, c.width, c.height).data;
  const data = new Uint8Array(c.width * c.height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]!;
  return { img: { data, width: c.width, height: c.height }, boxes };
}

function marksOf(words: string[], face: string, size: number): WordMarks[] {
  const { img, boxes } = line(words, face, size);
  return wordMarks(img, boxes);
}

describe('marks above and below capitals, three faces at three sizes', () => {
  it('a dot below is seen under Ỵ, Ị, Ạ and not under the same letters without it', () => {
    for (const [, face] of FACES) for (const size of SIZES) {
      const m = marksOf(['MỴ', 'THỊ', 'TẠ', 'MY', 'THI', 'TA'], face, size);
      expect(m.map((x) => x.dotBelow), `${face} ${size}`).toEqual([true, true, true, false, false, false]);
      expect(m.map((x) => x.above), `${face} ${size}`).toEqual([0, 0, 0, 0, 0, 0]);
    }
  });
  it('no mark over an unmarked word; one over a word with one tone or one circumflex', () => {
    for (const [, face] of FACES) for (const size of SIZES) {
      const m = marksOf(['THANH', 'HÀ', 'ÁNH', 'HẢI', 'XUÂN'], face, size);
      expect(m.map((x) => x.above), `${face} ${size}`).toEqual([0, 1, 1, 1, 1]);
    }
  });
  it('two stacked marks over Ằ, Ể, Ễ where the face draws them apart (most renderings), never fewer than one', () => {
    let two = 0;
    let n = 0;
    for (const [, face] of FACES) for (const size of SIZES) {
      const m = marksOf(['HẰNG', 'UYỂN', 'NGUYỄN'], face, size);
      for (const x of m) {
        expect(x.above, `${face} ${size} ${x.word}`).toBeGreaterThanOrEqual(1);
        expect(x.above).toBeLessThanOrEqual(2);
        n++;
        if (x.above === 2) two++;
      }
    }
    expect(two / n).toBeGreaterThanOrEqual(0.6);
  });
  it("the tone's shape, when told, is the right one (acute, grave, tilde), and it is told on half the renderings at least", () => {
    const want: Record<string, string> = { 'ÁNH': 'acute', 'HÀ': 'grave', 'HẢI': 'hook', 'LÃ': 'tilde', 'TUẤN': 'acute', 'HẰNG': 'grave', 'UYỂN': 'hook', 'NGUYỄN': 'tilde', 'QUỲNH': 'grave', 'MỸ': 'tilde' };
    let told = 0;
    let n = 0;
    for (const [, face] of FACES) for (const size of SIZES) {
      for (const x of marksOf(Object.keys(want), face, size)) {
        n++;
        if (x.tone === undefined) continue;
        told++;
        expect(x.tone, `${face} ${size} ${x.word}`).toBe(want[x.word]);
      }
    }
    expect(told / n).toBeGreaterThanOrEqual(0.5);
  });
  it('a hook above is never told (a short acute or grave is as compact on a soft photographed line)', () => {
    for (const [, face] of FACES) for (const size of SIZES) for (const x of marksOf(['HẢI', 'UYỂN', 'THỦY'], face, size)) expect(x.tone, `${face} ${size} ${x.word}`).toBeUndefined();
  });
  it("a horn is not a mark: Ư and Ơ alone show none, with a tone one", () => {
    for (const [, face] of FACES) for (const size of SIZES) {
      const m = marksOf(['ƯNG', 'ỨNG'], face, size).filter((x) => !x.joined);
      for (const x of m) expect(x.above, `${face} ${size} ${x.word}`).toBe(x.word === 'ƯNG' ? 0 : 1);
    }
  });
  it('reads word boxes from hOCR', () => {
    const hocr = "<span class='ocrx_word' id='word_1_1' title='bbox 10 4 90 60; x_wconf 91'>MỴ<span class='ocrx_cinfo'>x</span></span> <span class='ocrx_word' id='word_1_2' title='bbox 100 4 190 60; x_wconf 80'>--</span>";
    expect(hocrWordBoxes(hocr)).toEqual([{ text: 'MỴ', x0: 10, y0: 4, x1: 90, y1: 60 }]);
  });
});

describe('the voted name against the marks seen (name-marks-vote.ts)', () => {
  const obs = (word: string, above: number, dotBelow: boolean, tone?: WordMarks['tone'], joined = false): WordMarks => ({ word, above, dotBelow, joined, stack: 0, ...(tone ? { tone } : {}) });
  const none = { readWords: [], choices: [] };
  it('a dot below the model dropped is put back (Mỵ read "MY" by every reading)', () => {
    const r = mendByMarks(['Vàng', 'Thị', 'My'], { ...none, marks: [obs('MY', 0, true), obs('MY', 0, true), obs('MY', 0, false)] });
    expect(r.words).toEqual(['Vàng', 'Thị', 'Mỵ']);
    expect(r.changed).toBe(1);
  });
  it('a tone lost over a breve is put back with the shape seen (Hằng read "HĂNG")', () => {
    const r = mendByMarks(['Lê', 'Thu', 'Hăng'], { ...none, marks: [obs('HĂNG', 1, false), obs('HĂNG', 2, false, 'grave')] });
    expect(r.words[2]).toBe('Hằng');
  });
  it('a tone seen as another shape takes the offered spelling (Tuấn read "TUẦN")', () => {
    const r = mendByMarks(['Triệu', 'Thanh', 'Tuần'], { ...none, marks: [obs('TUẦN', 2, false, 'acute')] });
    expect(r.words[2]).toBe('Tuấn');
  });
  it('a two-word surname read as listed stays listed: a dot seen under DƯƠNG does not make Âu Dương "Âu Dượng" (session 13)', () => {
    const dot = [obs('DƯƠNG', 0, true), obs('DƯƠNG', 0, true), obs('DƯƠNG', 0, true)];
    const r = mendByMarks(['Âu', 'Dương', 'Thủy', 'Phượng'], { ...none, marks: dot });
    expect(r.words).toEqual(['Âu', 'Dương', 'Thủy', 'Phượng']);
    expect(r.changed).toBe(0);
    expect(r.doubt).toBe(true); // the pixels dispute it: the name is marked for the resident
    // the same word as a given name, or after a surname that is no two-word one, is mended as before
    expect(mendByMarks(['Lê', 'Thị', 'Dương'], { ...none, marks: dot }).words[2]).toBe('Dượng');
    expect(mendByMarks(['Lê', 'Dương', 'An'], { ...none, marks: dot }).words[1]).toBe('Dượng');
  });
  it('the same letters twice in a name: each word\'s observations by their place, from renderings that saw every word (session 13)', () => {
    // "HỒ MỸ BẢO MỴ" under tray glass (generator 9, seen): every rendering read MY and saw the dot under the last word alone
    const line = (): WordMarks[] => [obs('HO', 0, false), obs('MỸ', 1, false, 'tilde'), obs('BAO', 0, false), obs('MY', 0, true)];
    const byReading = [line(), line(), line(), line()];
    const r = mendByMarks(['Hồ', 'Mỹ', 'Bảo', 'My'], { ...none, marks: byReading.flat(), byReading });
    expect(r.words).toEqual(['Hồ', 'Mỹ', 'Bảo', 'Mỵ']);
    // renderings that saw another number of words tell no place: nothing is changed
    const short = byReading.map((ms) => ms.slice(1));
    expect(mendByMarks(['Hồ', 'Mỹ', 'Bảo', 'My'], { ...none, marks: short.flat(), byReading: short }).words).toEqual(['Hồ', 'Mỹ', 'Bảo', 'My']);
    // without them (as before), nothing is changed either
    expect(mendByMarks(['Hồ', 'Mỹ', 'Bảo', 'My'], { ...none, marks: byReading.flat() }).words).toEqual(['Hồ', 'Mỹ', 'Bảo', 'My']);
  });
  it('a tone made up over a word with nothing above it is taken away (Ưng read "ỨNG")', () => {
    const r = mendByMarks(['Đào', 'Ứng'], { ...none, marks: [obs('ỨNG', 0, false), obs('ỨNG', 0, false)] });
    expect(r.words).toEqual(['Đào', 'Ưng']);
  });
  it('stays as read when the pixels cannot tell: a mark ran into its letter, no rendering saw the word, or marks agree', () => {
    expect(mendByMarks(['Đào', 'Ứng'], { ...none, marks: [obs('ỨNG', 0, false, undefined, true), obs('ỨNG', 0, false)] }).words).toEqual(['Đào', 'Ứng']);
    expect(mendByMarks(['Vàng', 'Thị', 'My'], { ...none, marks: [obs('THI', 0, true)] }).words).toEqual(['Vàng', 'Thị', 'My']);
    // a tone the priors put back on a word every reading gave bare (THUY → Thủy): no ink above is what those readings saw too
    expect(mendByMarks(['Tư', 'Mã', 'Hồng', 'Thủy'], { ...none, marks: [obs('THUY', 0, false), obs('THUY', 0, false)] }).words[3]).toBe('Thủy');
    const ok = mendByMarks(['Nguyễn', 'Văn', 'Hùng'], { ...none, marks: [obs('NGUYỄN', 2, false, 'tilde'), obs('VĂN', 1, false), obs('HÙNG', 1, false, 'grave')] });
    expect(ok).toEqual({ words: ['Nguyễn', 'Văn', 'Hùng'], changed: 0, doubt: false });
  });
  it('a dot seen where a tone above is spelled but not seen: doubted, left as read', () => {
    const r = mendByMarks(['Trần', 'Hải'], { ...none, marks: [obs('HẢI', 0, true), obs('HẢI', 0, true)] });
    expect(r.words).toEqual(['Trần', 'Hải']);
    expect(r.doubt).toBe(true);
  });
  it('a name the pixels dispute falls below the review threshold (0.7); the same name with its marks seen does not', () => {
    const reads: NameRead[] = [
      { text: 'TRẦN VĂN HẢI', confidence: 92, marks: [obs('HẢI', 0, true)] },
      { text: 'TRẦN VĂN HẢI', confidence: 90, marks: [obs('HẢI', 0, true)] },
    ];
    const c = nameCandidate(reads)!;
    expect(c.value).toBe('Trần Văn Hải');
    expect(c.confidence).toBeLessThan(0.7);
    const clean = nameCandidate(reads.map((r) => ({ ...r, marks: [obs('HẢI', 1, false, 'hook')] })))!;
    expect(clean.value).toBe('Trần Văn Hải');
    expect(clean.confidence).toBeGreaterThanOrEqual(0.7);
  });
  it('a tone lost whose shape is not seen and several spellings offered: left as read, doubted', () => {
    // (the prior offers Hùng alone; two readings offered Hủng and Hũng too)
    const r = mendByMarks(['Lê', 'Hung'], { readWords: [['Lê', 'Hung'], ['Lê', 'Hủng'], ['Lê', 'Hũng']], choices: [], marks: [obs('HUNG', 1, false)] });
    expect(r.words).toEqual(['Lê', 'Hung']);
    expect(r.doubt).toBe(true);
    // with the shape seen, the offered spelling of that shape
    expect(mendByMarks(['Lê', 'Hung'], { readWords: [['Lê', 'Hủng'], ['Lê', 'Hũng']], choices: [], marks: [obs('HUNG', 1, false, 'grave')] }).words).toEqual(['Lê', 'Hùng']);
    // the prior's one spelling when nothing else is offered
    expect(mendByMarks(['Lê', 'Hung'], { readWords: [], choices: [], marks: [obs('HUNG', 1, false)] }).words).toEqual(['Lê', 'Hùng']);
  });
  it('puts a tone where the syllable takes it', () => {
    expect(withTone('MY', 5)).toBe('MỴ');
    expect(withTone('Tuần', 1)).toBe('Tuấn');
    expect(withTone('HĂNG', 2)).toBe('HẰNG');
    expect(withTone('HẠT', 2)).toBeUndefined();
  });
});

describe('a two-word surname with a mark lost in one reading (front-name.ts voteName, session 11)', () => {
  it('"TƯ MA" in one reading does not make the surname Từ against three readings of TƯ MÃ', () => {
    const reads: NameRead[] = [{ text: 'TƯ MA PHƯƠNG LAN', confidence: 96 }, ...Array.from({ length: 3 }, () => ({ text: 'TƯ MÃ PHƯƠNG LAN', confidence: 96 }))];
    expect(nameCandidate(reads)?.value).toBe('Tư Mã Phương Lan');
    // a one-word surname before other letters is still the list's (TỪ MẠNH: Từ)
    expect(nameCandidate([{ text: 'TU MANH LAN', confidence: 96 }, { text: 'TỪ MẠNH LAN', confidence: 96 }])?.value).toBe('Từ Mạnh Lan');
  });
});

describe('a rare surname every reading gave alike stands against the list (front-name.ts rareSurnameAsRead, session 12)', () => {
  const bare = (word: string): WordMarks => ({ word, above: 0, dotBelow: false, joined: false, stack: 0 });
  const reads = (text: string, n: number, marks: (w: string) => WordMarks[]): NameRead[] => Array.from({ length: n }, () => ({ text, confidence: 94, marks: marks(text.split(' ')[0]!) }));
  it('"ƯNG" read by every rendering, nothing above it in the pixels: Ưng, not the list\'s Ứng — only then', () => {
    expect(nameCandidate(reads('ƯNG PHƯƠNG OANH', 4, (w) => [bare(w)]))?.value).toBe('Ưng Phương Oanh');
    expect(rareSurnameAsRead(['ƯNG', 'ƯNG', 'ƯNG'], [bare('ƯNG'), bare('ƯNG')])).toEqual({ word: 'Ưng', sure: true });
    // the list still decides where the pixels saw a mark, cannot tell, or were not looked at
    // a mark above seen in one rendering: Ứng with its tone lost
    expect(nameCandidate(reads('ƯNG PHƯƠNG OANH', 3, (w) => [bare(w), { ...bare(w), above: 1 }]))?.value).toBe('Ứng Phương Oanh');
    // ink joined to a letter rising above the cap line (a horn drawn apart counts so): two readings, the list decides;
    // three or more that agree stand, doubted — under the name's review threshold 0.7
    expect(nameCandidate(reads('ƯNG PHƯƠNG OANH', 2, (w) => [bare(w), { ...bare(w), joined: true }]))?.value).toBe('Ứng Phương Oanh');
    const unsure = nameCandidate(reads('ƯNG PHƯƠNG OANH', 3, (w) => [bare(w), { ...bare(w), joined: true }]));
    expect(unsure?.value).toBe('Ưng Phương Oanh');
    expect(unsure!.confidence).toBeLessThan(0.7);
    expect(nameCandidate(reads('ƯNG PHƯƠNG OANH', 3, (w) => [bare(w)]))!.confidence).toBeGreaterThanOrEqual(0.7);
    // no pixels at all
    expect(nameCandidate(reads('ƯNG PHƯƠNG OANH', 3, () => []))?.value).toBe('Ứng Phương Oanh');
    // nor where the readings disagree, the word has no mark of its own, or the list surname has more than a tone
    expect(rareSurnameAsRead(['ƯNG', 'ỨNG'], [bare('ƯNG'), bare('ƯNG')])).toBeUndefined();
    // "HOANG": every mark may have been lost with the line (Hoàng)
    expect(rareSurnameAsRead(['HOANG', 'HOANG'], [bare('HOANG'), bare('HOANG')])).toBeUndefined();
    expect(nameCandidate(reads('HOANG VĂN AN', 3, (w) => [bare(w)]))?.value).toBe('Hoàng Văn An');
    // "ĐĂNG" has its breve: the list's Đặng differs by a dot below, not a tone above
    expect(rareSurnameAsRead(['ĐĂNG', 'ĐĂNG'], [bare('ĐĂNG'), bare('ĐĂNG')])).toBeUndefined();
    expect(rareSurnameAsRead(['ƯNG'], [bare('ƯNG'), bare('ƯNG')])).toBeUndefined();
  });
  it('a tone every reading saw is not traded by the list for another, unless for one of the most frequent surnames', () => {
    expect(nameCandidate(reads('QUẢNG ĐẠI TUYÊN', 4, () => []))?.value).toBe('Quảng Đại Tuyên');
    expect(rareSurnameAsRead(['QUẢNG', 'QUẢNG'], [])).toEqual({ word: 'Quảng', sure: true });
    // the readings disagree: the list decides
    expect(rareSurnameAsRead(['QUẢNG', 'QUÀNG'], [])).toBeUndefined();
    expect(nameCandidate([...reads('QUẢNG ĐẠI TUYÊN', 2, () => []), ...reads('QUÀNG ĐẠI TUYÊN', 1, () => [])])?.value).toBe('Quàng Đại Tuyên');
    // Trần is one most people carry: "TRẤN" read alike is still Trần
    expect(nameCandidate(reads('TRẤN KIM THẢO', 4, () => []))?.value).toBe('Trần Kim Thảo');
  });
  it('over a spelled hook only a tilde is told: an acute or a grave seen there changes nothing (hook never told)', () => {
    const none = { readWords: [], choices: [] };
    const seen = (word: string, tone: WordMarks['tone']): WordMarks => ({ ...bare(word), above: 2, tone });
    // UYỂN read by every rendering, its hook's short stroke taken for a grave: stays Uyển (Uyền is a name on the prior)
    expect(mendByMarks(['Mạc', 'Ngọc', 'Uyển'], { ...none, marks: [seen('UYỂN', 'grave'), seen('UYỂN', 'grave')] }).words[2]).toBe('Uyển');
    // a tilde is told apart from a hook: Luỷ → Luỹ still
    expect(mendByMarks(['Lê', 'Luỷ'], { readWords: [['Lê', 'Luỷ'], ['Lê', 'Luỹ']], choices: [], marks: [{ ...bare('LUỶ'), above: 1, tone: 'tilde' }] }).words).toEqual(['Lê', 'Luỹ']);
  });
  it('a tilde or grave over a horned vowel is not taken for a horn read as a tone (mendByMarks)', () => {
    const none = { readWords: [], choices: [] };
    // NGỮ read by every rendering, nothing counted above it (the tilde lies low over Ữ): stays
    expect(mendByMarks(['Đỗ', 'Thu', 'Ngữ'], { ...none, marks: [bare('NGỮ'), bare('NGỮ'), bare('NGỮ')] }).words).toEqual(['Đỗ', 'Thu', 'Ngữ']);
    expect(mendByMarks(['Lê', 'Lừng'], { ...none, marks: [bare('LỪNG'), bare('LỪNG')] }).words).toEqual(['Lê', 'Lừng']);
    // the horn read as an acute is still taken away (Ưng read "ỨNG"), and a tilde over a word with no horn too
    expect(mendByMarks(['Đào', 'Ứng'], { ...none, marks: [bare('ỨNG'), bare('ỨNG')] }).words).toEqual(['Đào', 'Ưng']);
    expect(mendByMarks(['Lê', 'Mỹ'], { ...none, marks: [bare('MỸ'), bare('MỸ')] }).words).toEqual(['Lê', 'My']);
  });
});
