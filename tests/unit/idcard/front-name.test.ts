/**
 * The name on a front read by its labels (drivers/idcard/front-name.ts, session 7): the word-by-word
 * vote among readings, the line below a spot that was not the name (the label's English half on a
 * line of its own), the name's place between the ID and the next label when its label was not found,
 * and — on a card — the whole reader. The card: the fourth generator's first card, development seed 77
 * (not the held-out seed): a 2021 front in low light whose "Full name" line, printed below "Họ và tên",
 * was taken as the value ("#0 name") and the name was lost.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LineBox, ValueSpot } from '../../../common/idcard/labels.ts';
import { lineBelowSpot, nameBoxBetween, nameCandidate, voteName } from '../../../drivers/idcard/front-name.ts';
import { readCardImage } from '../../../drivers/idcard/read-card.ts';
import { useCardReaders } from '../../support/card-readers.ts';
import { generateSet4 } from '../../idcard-data4/generate.ts';

const line = (text: string, x0: number, y0: number, x1: number, y1: number): LineBox => ({ text, bbox: { x0, y0, x1, y1 }, words: [{ text, confidence: 90, bbox: { x0, y0, x1, y1 } }] });

describe('the name voted word by word', () => {
  it('combines the words that most readings agree on (each reading wrong in a different word)', () => {
    const p = voteName([
      { text: 'TRẦN THỊ HỎNG NHUNG', confidence: 90 },
      { text: 'TRẦN THỊ HỒNG NHŨNG', confidence: 91 },
      { text: 'TRẦN THI HỒNG NHUNG', confidence: 80 },
    ]);
    expect(p?.value).toBe('Trần Thị Hồng Nhung');
  });
  it('prefers a surname on the list in the first word when a reading has one', () => {
    const p = voteName([
      { text: 'TẾ QUỐC KHẮC HƯNG', confidence: 84 },
      { text: 'TẾ QUỐC KHẮC HƯNG', confidence: 80 },
      { text: 'LÊ QUỐC KHẮC HƯNG', confidence: 65 },
    ]);
    expect(p?.value).toBe('Lê Quốc Khắc Hưng');
    // "LAC" is not a syllable (a stop final wants a tone) but is Lạc with its mark lost: it outvotes "LAO"
    const lac = [
      { text: 'AC HỮU XUYẾN', confidence: 62 },
      { text: 'LAC HỮU XUYẾN', confidence: 55 },
      { text: 'LAO HỮU XUYẾN', confidence: 61 },
      { text: 'AC HỮU XUYẾN', confidence: 62 },
    ];
    expect(voteName(lac)?.value).toBe('Lạc Hữu Xuyến');
    // the reading that gave it counts as agreeing: confident enough to survive the fusion's 0.35
    expect(nameCandidate(lac)!.confidence).toBeGreaterThan(0.4);
  });
  it('keeps the majority spelling of a word and the readings with the common word count', () => {
    const p = voteName([
      { text: 'MẪU NGỌC ẤN', confidence: 72 },
      { text: 'MẪU NGỌC ẤN', confidence: 69 },
      { text: 'MẪU NGỌCẤN', confidence: 95 },
      { text: 'MẪU NGỌC ẨN', confidence: 67 },
    ]);
    expect(p).toEqual({ value: 'Mẫu Ngọc Ấn', tesseract: 72, surnameFixed: false });
  });
  it('keeps a circumflex, breve or horn that a confident reading saw, and the tone of the readings that saw it', () => {
    // the breve lost by three renderings of four
    expect(voteName([
      { text: 'LÝ KHÁC AN', confidence: 91 },
      { text: 'LÝ KHẮC AN', confidence: 91 },
      { text: 'LÝ KHÁC AN', confidence: 88 },
      { text: 'LÝ KHÁC AN', confidence: 91 },
    ])?.value).toBe('Lý Khắc An');
    // the circumflex and its tone lost together by four readings of seven
    const ho = ['HO THỊ UYEN', 'HO THỊ UYEN', 'HO THỊ UYEN', 'HO THỊ UYEN', 'HỒ THỊ UYÊN', 'HỒ THỊ UYÊN', 'HỒ THỊ UYÊN'];
    expect(voteName(ho.map((text, i) => ({ text, confidence: 90 - i })))?.value).toBe('Hồ Thị Uyên');
    // a mark seen only by an unsure reading does not count
    expect(voteName([
      { text: 'LÝ KHÁC AN', confidence: 91 },
      { text: 'LÝ KHẮC AN', confidence: 45 },
      { text: 'LÝ KHÁC AN', confidence: 88 },
    ])?.value).toBe('Lý Khác An');
  });
  it('a tone is voted, never added because one reading has it', () => {
    const gia = ['TRẦN GIA BẢO', 'TRẦN GIÁ BẢO', 'TRẦN GIA BẢO', 'TRẦN GIA BẢO', 'TRẦN GIÁ BẢO', 'TRẦN GIA BẢO'];
    expect(voteName(gia.map((text) => ({ text, confidence: 90 })))?.value).toBe('Trần Gia Bảo');
    expect(voteName([
      { text: 'ĐÀO NGỌC QUYỀN', confidence: 45 },
      { text: 'ĐÀO NGỌC QUYÊN', confidence: 93 },
      { text: 'ĐÀO NGỌC QUYÊN', confidence: 92 },
      { text: 'ĐÀO NGỌC QUYỀN', confidence: 77 },
    ])?.value).toBe('Đào Ngọc Quyên');
  });
  it('lower-case text is not the name (printed in capitals): the next label read under glare', () => {
    expect(nameCandidate([{ text: 'Ngày, tỉ 11/10/2008', confidence: 85 }, { text: 'Ngày. thui. - 11/10/2008', confidence: 71 }])).toBeUndefined();
  });
  it('a single reading is pickName as before; a label or a heading is never the name', () => {
    expect(voteName([{ text: 'PHAM MINH HÙNG', confidence: 80 }])).toEqual({ value: 'Phạm Minh Hùng', tesseract: 80, surnameFixed: true });
    expect(nameCandidate([{ text: 'Họ và tên Full name', confidence: 90 }, { text: 'CỘNG HÒA XÃ HỘI', confidence: 90 }])).toBeUndefined();
  });
});

describe('where the name is when the spot below its label was not it', () => {
  const spot: ValueSpot = { field: 'fullName', bbox: { x0: 300, y0: 430, x1: 380, y1: 444 }, text: '#0 name', where: 'below', labelHeight: 18, confidence: 64 };
  it('the next line below the spot, not a label line, not one far below', () => {
    const lines = [line('Họ và tên:', 300, 405, 400, 423), line('#0 name', 300, 430, 380, 444), line('VÕ VIẾT VĂN ẨN', 305, 452, 560, 480), line('Ngày sinh: 19/05/1980', 300, 490, 520, 510)];
    expect(lineBelowSpot(lines, spot)?.text).toBe('VÕ VIẾT VĂN ẨN');
    expect(lineBelowSpot([lines[0]!, lines[1]!, line('Ngày sinh: 19/05/1980', 300, 452, 520, 470)], spot, [{ x0: 300, y0: 452, x1: 390, y1: 470 }])).toBeUndefined();
    expect(lineBelowSpot([lines[1]!, line('Ngày sinh', 300, 452, 390, 470)], spot)).toBeUndefined();
    expect(lineBelowSpot([lines[1]!, line('VÕ VIẾT VĂN ẨN', 305, 520, 560, 548)], spot)).toBeUndefined();
  });
  it('no name label: the tallest line between the ID number and the next label, widened', () => {
    const lines = [line('sẽ 040187049151', 360, 362, 620, 404), line('H', 365, 433, 380, 445), line('H TRINH', 470, 486, 560, 512), line('Quốc tịch: Việt Nai', 350, 650, 560, 676)];
    const box = nameBoxBetween(lines, undefined, [{ x0: 350, y0: 650, x1: 430, y1: 676 }]);
    expect(box).toBeDefined();
    expect(box!.y0).toBe(486);
    expect(box!.y1).toBe(512);
    expect(box!.x0).toBeLessThanOrEqual(360);
    expect(box!.x1).toBeGreaterThan(800);
    expect(nameBoxBetween([line('no number here', 0, 0, 100, 20)], undefined, [])).toBeUndefined();
  });
  it('the name beside its garbled label, its line overlapping the ID\'s by a few pixels: only its words in capitals (set 5 seed 24, session 8)', () => {
    // the page lines of a 300 dpi flatbed front: "Số / No.:" and "Họ và tên / Full name:" both garbled
    const words = (spec: [string, number, number][], y0: number, y1: number): LineBox => ({
      text: spec.map((w) => w[0]).join(' '),
      bbox: { x0: spec[0]![1], y0, x1: spec[spec.length - 1]![2], y1 },
      words: spec.map(([text, x0, x1]) => ({ text, confidence: 80, bbox: { x0, y0, x1, y1 } })),
    });
    const lines = [
      words([['s/w:', 300, 360], ['025206663835', 370, 660]], 449, 507),
      words([['Hovàtên//a', 300, 420], ['se:', 425, 470], ['QUẦNG', 480, 600], ['VĂN', 612, 680], ['CƯƠNG', 692, 800]], 504, 541),
      words([['Ngày', 300, 350], ['sinh', 355, 400], ['/', 405, 410], ['19/09/2006', 520, 640]], 542, 588),
    ];
    const box = nameBoxBetween(lines, undefined, [{ x0: 300, y0: 545, x1: 400, y1: 585 }])!;
    expect(box).toBeDefined();
    expect(box.y0).toBe(504);
    expect(box.x0).toBeGreaterThan(470);
    expect(box.x0).toBeLessThan(480);
    expect(box.x1).toBeGreaterThanOrEqual(800);
  });
});

describe('the name on a card whose English label line was taken for the value', () => {
  const rig = useCardReaders('idname-front-');
  const dir = rig.dir;
  it('reads the name from the line below "Full name"', async () => {
    const set = await generateSet4({ outDir: dir, cards: 1, seed: 77 });
    const s = set.find((x) => x.face.startsWith('front'));
    expect(s).toBeDefined();
    const r = await readCardImage(path.join(dir, s!.file), rig.readers, { sources: ['ocr'] });
    expect(r.fields.fullName).toBe(s!.truth.fullName);
  }, 90_000);
});
