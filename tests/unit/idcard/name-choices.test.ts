import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { markAlternatives, parseChoices } from '../../../drivers/idcard/name-choices.ts';
import { nameCandidate } from '../../../drivers/idcard/front-name.ts';
import { OcrPool } from '../../../drivers/idcard/ocr-pool.ts';

/** Part of tesseract's hOCR with lstm_choice_mode 2, recorded from the Vietnamese model on a drawn "NGUYỄN THỊ HẢI" line. */
const HOCR = `<span class='ocr_line' id='line_1_1' title="bbox 12 18 402 57">
    <span class='ocrx_word' id='word_1_1' title='bbox 12 18 162 50; x_wconf 78'>NGUYÊN
     <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
      <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 92.53421'>N</span>
      <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 0'>M</span></span>
     <span class='ocrx_cinfo' id='lstm_choices_1_1_2'>
      <span class='ocrx_cinfo' id='choice_1_1_7' title='x_confs 94.1082'>G</span></span>
     <span class='ocrx_cinfo' id='lstm_choices_1_1_3'>
      <span class='ocrx_cinfo' id='choice_1_1_13' title='x_confs 94.215294'>U</span>
      <span class='ocrx_cinfo' id='choice_1_1_14' title='x_confs 0'>Ư</span></span>
     <span class='ocrx_cinfo' id='lstm_choices_1_1_4'>
      <span class='ocrx_cinfo' id='choice_1_1_19' title='x_confs 93.29509'>Y</span></span>
     <span class='ocrx_cinfo' id='lstm_choices_1_1_5'>
      <span class='ocrx_cinfo' id='choice_1_1_25' title='x_confs 85.022453'>Ê</span>
      <span class='ocrx_cinfo' id='choice_1_1_26' title='x_confs 64.111244'>Ẽ</span>
      <span class='ocrx_cinfo' id='choice_1_1_27' title='x_confs 55.002132'>Ế</span>
      <span class='ocrx_cinfo' id='choice_1_1_28' title='x_confs 53.510712'>Ễ</span>
      <span class='ocrx_cinfo' id='choice_1_1_29' title='x_confs 15.880718'>Ĩ</span></span>
     <span class='ocrx_cinfo' id='lstm_choices_1_1_6'>
      <span class='ocrx_cinfo' id='choice_1_1_31' title='x_confs 94.223732'>N</span></span>
    </span>
    <span class='ocrx_word' id='word_1_2' title='bbox 174 25 230 57; x_wconf 93'>THỊ
     <span class='ocrx_cinfo' id='lstm_choices_1_2_1'>
      <span class='ocrx_cinfo' id='choice_1_2_1' title='x_confs 91.486504'> </span></span>
     <span class='ocrx_cinfo' id='lstm_choices_1_2_2'>
      <span class='ocrx_cinfo' id='choice_1_2_2' title='x_confs 90.606621'>T</span>
      <span class='ocrx_cinfo' id='choice_1_2_3' title='x_confs 0'> </span></span>
     <span class='ocrx_cinfo' id='lstm_choices_1_2_3'>
      <span class='ocrx_cinfo' id='choice_1_2_5' title='x_confs 94.205879'>H</span></span>
     <span class='ocrx_cinfo' id='lstm_choices_1_2_4'>
      <span class='ocrx_cinfo' id='choice_1_2_11' title='x_confs 92.492668'>Ị</span></span>
    </span>
    <span class='ocrx_word' id='word_1_3' title='bbox 244 18 302 50; x_wconf 92'>HẢI
     <span class='ocrx_cinfo' id='lstm_choices_1_3_2'>
      <span class='ocrx_cinfo' id='choice_1_3_2' title='x_confs 94.050026'>H</span></span>
    </span>`;

describe('the LSTM alternatives of a name line (name-choices.ts)', () => {
  it('parses each character\'s alternatives, best first, skipping the timestep of the gap before a word', () => {
    const ws = parseChoices(HOCR);
    expect(ws.map((w) => w.text)).toEqual(['NGUYÊN', 'THỊ', 'HẢI']);
    expect(ws[0]!.chars).toHaveLength(6);
    expect(ws[0]!.chars![4]!.map((c) => c.ch)).toEqual(['Ê', 'Ẽ', 'Ế', 'Ễ', 'Ĩ']);
    expect(ws[1]!.chars!.map((c) => c[0]!.ch).join('')).toBe('THỊ');
    // Alternatives that do not line up with the word's letters are dropped, not guessed.
    expect(ws[2]!.chars).toBeUndefined();
  });

  it('offers the spellings that differ in one mark or tone, close enough to the best', () => {
    const [nguyen] = parseChoices(HOCR);
    const alts = markAlternatives(nguyen!).map((a) => a.word);
    expect(alts).toEqual(['NGUYÊN', 'NGUYẼN', 'NGUYẾN', 'NGUYỄN']);
    // Ĩ is another letter (and far below): not a mark of E. Ư scored 0: not offered.
    expect(alts).not.toContain('NGUYĨN');
    expect(alts).not.toContain('NGƯYÊN');
    expect(markAlternatives(nguyen!, 60).map((a) => a.word)).toEqual(['NGUYÊN', 'NGUYẼN']);
  });

  it('the pool returns them from the Vietnamese model when a job asks for choices (and not otherwise)', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="520" height="70"><rect width="520" height="70" fill="#fff"/><text x="10" y="50" font-size="36" font-weight="bold" font-family="DejaVu Sans">NGUYỄN THỊ HẢI</text></svg>';
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    const pool = new OcrPool({ lang: 'vie', size: 1 });
    try {
      const plain = await pool.recognize(png, { psm: '7' });
      expect(plain.hocr).toBeUndefined();
      const r = await pool.recognize(png, { psm: '7', choices: true });
      expect(r.text.trim()).toBe(plain.text.trim());
      const ws = parseChoices(r.hocr ?? '');
      expect(ws).toHaveLength(3);
      expect(ws.every((w) => w.chars && w.chars.length === [...w.text].length)).toBe(true);
      expect(ws.some((w) => w.chars!.some((c) => c.length > 1))).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('on a real image the model\'s alternative wins: "NHÃ" read "NHÀ" with Ã its second choice gives Nhã (Nhà is no name)', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="44"><rect width="300" height="44" fill="#fff"/><text x="16" y="31" font-size="22" font-weight="bold" font-family="Noto Serif Display">ĐỖ THỊ NHÃ</text></svg>';
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    const pool = new OcrPool({ lang: 'vie', size: 1 });
    try {
      const r = await pool.recognize(png, { psm: '7', choices: true });
      expect(r.text.trim()).toBe('ĐỖ THỊ NHÀ');
      const words = parseChoices(r.hocr ?? '');
      expect(words[2]!.chars![2]!.map((c) => c.ch).slice(0, 2)).toEqual(['À', 'Ã']);
      expect(nameCandidate([{ text: r.text, confidence: r.confidence }])?.value).toBe('Đỗ Thị Nhà');
      expect(nameCandidate([{ text: r.text, confidence: r.confidence, words }])?.value).toBe('Đỗ Thị Nhã');
    } finally {
      await pool.close();
    }
  }, 60_000);
});
