/**
 * Things generator 9 puts beside a card, drawn as PDF pages too: a printed administrative form (lines
 * of Vietnamese text and dotted answer lines all around the card) and an invented bank card.
 */
import type { Typeset } from './fonts.ts';
import { asciiUpper, type Holder } from './people.ts';
import { PdfPage } from './pdf.ts';
import type { Rand } from './rand.ts';

const FORM_LINES = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ',
  'Kính gửi: Công an phường, xã nơi cư trú',
  '1. Họ, chữ đệm và tên: ....................................................',
  '2. Ngày, tháng, năm sinh: ......./......./............. 3. Giới tính: ..........',
  '4. Số định danh cá nhân: ....................................................',
  '5. Số điện thoại liên hệ: ................................ 6. Email: ..............',
  '7. Nơi thường trú: ....................................................................',
  '8. Nơi tạm trú: .........................................................................',
  '9. Nơi ở hiện tại: .....................................................................',
  '10. Nghề nghiệp, nơi làm việc: ...................................................',
  '11. Nội dung đề nghị: ................................................................',
  '12. Những thành viên trong hộ gia đình cùng thay đổi:',
  'TT   Họ, chữ đệm và tên   Ngày sinh   Giới tính   Số định danh   Quan hệ với chủ hộ',
  'Ý KIẾN CỦA CHỦ HỘ          Ý KIẾN CỦA CHỦ SỞ HỮU          NGƯỜI KÊ KHAI',
  '(Ghi rõ nội dung và ký, ghi rõ họ tên)          (Ký, ghi rõ họ tên)',
  'Ghi chú: người kê khai chịu trách nhiệm trước pháp luật về nội dung đã kê khai.',
];

/** A page of form text, `w`×`h` mm, the lines repeated to fill it. */
export function formPage(t: Typeset, r: Rand, w: number, h: number): PdfPage {
  const p = new PdfPage(w, h);
  p.rect(0, 0, w, h, [r.int(244, 252), r.int(243, 250), r.int(236, 246)]);
  const size = r.range(3.0, 3.8);
  const gap = size * r.range(1.6, 1.9);
  let i = r.int(0, FORM_LINES.length - 1);
  for (let y = 8; y < h - 2; y += gap) {
    const s = FORM_LINES[i++ % FORM_LINES.length]!;
    p.text(i % 5 === 3 ? t.strong : t.value, s, 10 + r.range(-1, 1), y, { size, color: [30, 30, 34] });
    if (s.startsWith('TT')) for (let k = 0; k < 4; k++) p.path([[10, y + 1 + k * gap], [w - 10, y + 1 + k * gap]], { stroke: [60, 60, 60], width: 0.2 });
  }
  return p;
}

/** An invented bank card (number, holder name in capitals, expiry, chip). */
export function bankCard(h: Holder, t: Typeset, r: Rand): PdfPage {
  const p = new PdfPage(85.6, 53.98);
  const base: [number, number, number] = r.pick([[20, 60, 130], [120, 20, 40], [20, 110, 80], [30, 30, 36]]);
  for (let i = 0; i < 27; i++) p.rect(0, i * 2, 85.6, 2.1, [Math.min(255, base[0] + i * 3), Math.min(255, base[1] + i * 3), Math.min(255, base[2] + i * 3)]);
  p.text(t.strong, r.pick(['NGÂN HÀNG SEN VÀNG', 'NGÂN HÀNG ĐỒNG LÚA', 'NGÂN HÀNG BIỂN XANH']), 5, 8, { size: 3.6, color: [250, 250, 250] });
  p.roundRect(8, 17, 11, 8.5, 1.4, [214, 186, 100]);
  const digits = Array.from({ length: 4 }, (_, k) => (k === 0 ? '9704' : String(r.int(0, 9999)).padStart(4, '0'))).join('  ');
  p.text(t.idFont, digits, 7, 34, { size: 4.4, color: [245, 245, 245] });
  p.text(t.label, 'VALID THRU', 38, 40, { size: 1.5, color: [230, 230, 230] });
  p.text(t.value, `${String(r.int(1, 12)).padStart(2, '0')}/${r.int(27, 31)}`, 50, 40.5, { size: 2.8, color: [245, 245, 245] });
  p.text(t.value, asciiUpper(h.fullName), 7, 48, { size: 3.0, color: [245, 245, 245] });
  return p;
}
