/**
 * Generator 5's cards as HTML/CSS (drawn by Chromium): the four faces on an 85.6 × 54 mm card, laid out
 * in millimetres with per-card variation — fonts (Roboto, Roboto Condensed, Inter; the MRZ in Noto Sans
 * Mono or Noto Mono), sizes ±7 %, the text block shifted ±1 mm, bilingual labels on one line or two, values
 * beside or below their label, ink colours. Text is real text, shaped by Chromium (HarfBuzz), not images.
 * A text block marked `data-fit-right` / `data-fit-bottom` (mm on the card) is set smaller by the renderer
 * until it fits there, as a card's layout would: no value runs off the card, under the QR or the MRZ.
 */
import { chip, emblem, fingerprint, guilloche, portrait, qrSvg } from './art.ts';
import { td1 } from './mrz.ts';
import { toDmy, type Holder } from './people.ts';
import type { Rng } from './rng.ts';

export type Face = 'front-2021' | 'front-2024' | 'back-2021' | 'back-2024';
export const TEXT_FONTS = ['Roboto', 'Roboto Condensed', 'Inter'] as const;
export const MRZ_FONTS = ['Noto Sans Mono', 'Noto Mono'] as const;

export interface CardStyle {
  font: string;
  labelFont: string;
  mrzFont: string;
  scale: number;
  dx: number;
  dy: number;
  twoLineLabels: boolean;
  nameBelow: boolean;
  ink: string;
  valueInk: string;
  mrzPitch: number;
  mrzSize: number;
}

export function makeStyle(rng: Rng): CardStyle {
  return {
    font: rng.pick(TEXT_FONTS),
    labelFont: rng.pick(TEXT_FONTS),
    mrzFont: rng.pick(MRZ_FONTS),
    scale: rng.range(0.93, 1.07),
    dx: rng.range(-1, 1),
    dy: rng.range(-1, 1),
    twoLineLabels: rng.chance(0.4),
    nameBelow: rng.chance(0.7),
    ink: rng.pick(['#1d1d1f', '#202a44', '#2b2b2b']),
    valueInk: rng.pick(['#000000', '#101820', '#1a1a2e']),
    mrzPitch: rng.range(2.44, 2.56),
    mrzSize: rng.range(2.9, 3.25),
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function css(s: CardStyle, bg: string): string {
  const pt = (mm: number) => `${(mm * s.scale).toFixed(3)}mm`;
  return `<style>
html,body{margin:0;padding:0;background:transparent}
#card{position:relative;width:85.6mm;height:54mm;border-radius:3.18mm;overflow:hidden;background:${bg};font-family:'${s.font}';color:${s.ink}}
#card > *{position:absolute}
.l{font-family:'${s.labelFont}';font-size:${pt(1.75)};line-height:1.15;white-space:nowrap}
.l i{font-size:${pt(1.45)};font-style:italic}
.v{font-size:${pt(2.25)};font-weight:500;color:${s.valueInk};white-space:nowrap;line-height:1.15}
.big{font-size:${pt(3.1)};font-weight:700;letter-spacing:0.04em}
.name{font-size:${pt(2.7)};font-weight:700;color:${s.valueInk};white-space:nowrap}
.hd{font-size:${pt(1.65)};font-weight:700;text-align:center;white-space:nowrap;line-height:1.2}
.hd i{font-weight:400;font-size:${pt(1.4)}}
.title{color:#c21e1e;font-weight:700;font-size:${pt(3.2)};white-space:nowrap}
.mrz{left:4.6mm;bottom:2.2mm;font-family:'${s.mrzFont}';font-size:${s.mrzSize.toFixed(2)}mm;line-height:${(s.mrzSize * 1.32).toFixed(2)}mm;color:#111;white-space:pre}
.mrzband{left:0;right:0;bottom:0;height:15.5mm;background:#fbfbf7}
.row{display:flex;gap:0.8mm;align-items:baseline}
.p{white-space:normal;font-size:${pt(2.05)}}
</style>`;
}

/** A label and its value: "Vi / En: value" on one line, Vietnamese over an italic English line, or the value below. */
function field(s: CardStyle, vi: string, en: string, value: string, below: boolean, cls = 'v', style = ''): string {
  const label = s.twoLineLabels ? `<div class="l">${esc(vi)}<br><i>${esc(en)}</i>:</div>` : `<div class="l">${esc(vi)} / <i>${esc(en)}</i>:</div>`;
  const val = `<div class="${cls}" style="${style}">${esc(value)}</div>`;
  return below ? `<div>${label}${val}</div>` : `<div class="row">${label}${val}</div>`;
}

function mrzBlock(h: Holder, s: CardStyle): string {
  const lines = td1(h);
  const spacing = s.mrzPitch - s.mrzSize * 0.6;
  return `<div class="mrzband"></div><div class="mrz" style="letter-spacing:${spacing.toFixed(3)}mm">${lines.map(esc).join('\n')}</div>`;
}

function header(s: CardStyle, left: number, top: number, width: number): string {
  return `<div class="hd" style="left:${left}mm;top:${top}mm;width:${width}mm">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br><i>SOCIALIST REPUBLIC OF VIET NAM</i><br><i>Independence - Freedom - Happiness</i></div>`;
}

/** The laminate's iridescent sheen (a faint rainbow band) and a few fine scratches of a card carried for years. */
function wear(rng: Rng): string {
  const a = rng.range(0.04, 0.14).toFixed(3);
  const angle = rng.int(95, 140);
  const at = rng.int(20, 70);
  let scratches = '';
  for (let i = rng.int(0, 6); i > 0; i--) {
    const x = rng.range(2, 80);
    const y = rng.range(2, 50);
    const len = rng.range(3, 18);
    const t = rng.range(0, Math.PI);
    scratches += `<line x1="${x.toFixed(1)}" y1="${y.toFixed(1)}" x2="${(x + len * Math.cos(t)).toFixed(1)}" y2="${(y + len * Math.sin(t)).toFixed(1)}" stroke="rgba(255,255,255,${rng.range(0.3, 0.7).toFixed(2)})" stroke-width="${rng.range(0.06, 0.15).toFixed(2)}"/>`;
  }
  return `<div style="left:0;top:0;width:85.6mm;height:54mm;background:linear-gradient(${angle}deg,transparent ${at - 12}%,rgba(255,60,160,${a}) ${at - 5}%,rgba(255,230,40,${a}) ${at}%,rgba(40,210,255,${a}) ${at + 5}%,transparent ${at + 12}%)"></div><svg style="left:0;top:0" width="85.6mm" height="54mm" viewBox="0 0 85.6 54">${scratches}</svg>`;
}

export function faceHtml(face: Face, h: Holder, s: CardStyle, rng: Rng, withQr: boolean, qr: string): string {
  const x = (mm: number) => (mm + s.dx).toFixed(2);
  const y = (mm: number) => (mm + s.dy).toFixed(2);
  const name = h.name.full.toUpperCase();
  // long names are set smaller, as on the cards
  const nameStyle = name.length > 20 ? `font-size:${((2.7 * s.scale * 20) / name.length).toFixed(2)}mm` : '';
  let body = '';
  let bg: string;
  if (face === 'front-2021') {
    bg = 'linear-gradient(160deg,#e6f1ea 0%,#d8ebf3 55%,#eef3e0 100%)';
    body += guilloche(rng, '#b7d3c8', '#e3b9b0');
    body += `<div style="left:3mm;top:3mm">${emblem(12)}</div>`;
    body += `<div style="left:2.5mm;top:17mm">${portrait(rng, 19, 24)}</div>`;
    body += `<div class="l" style="left:2.2mm;top:42.5mm;font-size:1.4mm">Có giá trị đến:<br><i>Date of expiry</i></div>`;
    body += `<div class="v" style="left:2.2mm;top:47.5mm;font-size:2mm">${h.dateOfExpiry ? toDmy(h.dateOfExpiry) : 'Không thời hạn'}</div>`;
    body += header(s, 17, 2.2, withQr ? 52 : 62);
    if (withQr) body += `<div style="right:2.2mm;top:2.2mm">${qrSvg(qr, 14.5)}</div>`;
    body += `<div style="left:${x(25)}mm;top:${y(11.5)}mm;text-align:left"><div class="title">CĂN CƯỚC CÔNG DÂN</div><div class="l" style="font-weight:700"><i>Citizen Identity Card</i></div></div>`;
    const rows = [
      `<div class="row"><div class="l">Số / <i>No.</i>:</div><div class="v big" style="color:#b01818">${h.idNumber}</div></div>`,
      field(s, 'Họ và tên', 'Full name', name, s.nameBelow, 'name', nameStyle),
      `<div class="row">${field(s, 'Ngày sinh', 'Date of birth', toDmy(h.dateOfBirth), false)}</div>`,
      `<div class="row" style="gap:4mm">${field(s, 'Giới tính', 'Sex', h.sex, false)}${field(s, 'Quốc tịch', 'Nationality', 'Việt Nam', false)}</div>`,
      field(s, 'Quê quán', 'Place of origin', h.placeOfOrigin, true, 'v p'),
      field(s, 'Nơi thường trú', 'Place of residence', h.placeOfResidence, true, 'v p'),
    ];
    body += `<div data-fit-right="84.6" data-fit-bottom="53" style="left:${x(23)}mm;top:${y(19)}mm;width:60mm;display:flex;flex-direction:column;gap:${(0.35 * s.scale).toFixed(2)}mm">${rows.join('')}</div>`;
  } else if (face === 'front-2024') {
    bg = 'linear-gradient(150deg,#f3ecf4 0%,#e3eef8 50%,#f7f1e3 100%)';
    body += guilloche(rng, '#c9c3e2', '#ecc7a2');
    body += `<div style="left:3.5mm;top:3mm">${emblem(11)}</div>`;
    body += header(s, 16, 2.4, 66);
    body += `<div style="left:2.8mm;top:16.5mm">${portrait(rng, 19, 24)}</div>`;
    body += `<div style="left:3.3mm;top:42mm">${chip(10, 8)}</div>`;
    body += `<div style="left:${x(30)}mm;top:${y(12)}mm"><div class="title" style="font-size:${(3.8 * s.scale).toFixed(2)}mm">CĂN CƯỚC</div><div class="l" style="font-weight:700"><i>IDENTITY CARD</i></div></div>`;
    const rows = [
      field(s, 'Số định danh cá nhân', 'Personal identification number', h.idNumber, true, 'v big'),
      field(s, 'Họ, chữ đệm và tên khai sinh', 'Full name', name, true, 'name', nameStyle),
      field(s, 'Ngày, tháng, năm sinh', 'Date of birth', toDmy(h.dateOfBirth), s.nameBelow && s.twoLineLabels),
      `<div class="row" style="gap:4mm">${field(s, 'Giới tính', 'Sex', h.sex, false)}${field(s, 'Quốc tịch', 'Nationality', 'Việt Nam', false)}</div>`,
    ];
    body += `<div data-fit-right="84.6" data-fit-bottom="53" style="left:${x(24.5)}mm;top:${y(20)}mm;width:58mm;display:flex;flex-direction:column;gap:${(0.6 * s.scale).toFixed(2)}mm">${rows.join('')}</div>`;
  } else if (face === 'back-2021') {
    bg = 'linear-gradient(170deg,#e9f0f3 0%,#f2efe6 100%)';
    body += guilloche(rng, '#c5d8dc', '#d9c8b8');
    const [ethnic, mark] = h.mark.split(' · ');
    body += `<div style="left:${x(3)}mm;top:${y(3)}mm;width:48mm"><div class="l">Đặc điểm nhân dạng / <i>Personal identification</i>:</div><div class="v" style="font-size:1.9mm;white-space:normal">${esc(mark!)}</div><div class="l" style="margin-top:1mm">Dân tộc: ${esc(ethnic!)}</div></div>`;
    body += `<div style="left:${x(3)}mm;top:${y(17)}mm"><div class="l">Ngày, tháng, năm / <i>Date, month, year</i>: ${toDmy(h.issueDate)}</div><div class="hd" style="text-align:left;margin-top:0.6mm">CỤC TRƯỞNG CỤC CẢNH SÁT<br>QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI<br><i>DIRECTOR GENERAL OF THE POLICE DEPARTMENT</i></div></div>`;
    body += `<div style="left:12mm;top:28mm;width:15mm;height:7mm;border-radius:50%;border:0.5mm solid rgba(200,30,30,0.55)"></div><svg style="left:14mm;top:29.5mm" width="22mm" height="5mm" viewBox="0 0 22 5"><path d="M1 4 C4 0,6 5,9 2 S14 0,16 3 S20 4,21 1" stroke="#1f2f6b" stroke-width="0.35" fill="none"/></svg>`;
    body += `<div style="left:55mm;top:3mm">${chip(11, 9)}</div>`;
    body += `<div style="left:53mm;top:13.5mm;display:flex;gap:1.5mm">${fingerprint(rng, 13, 16)}${fingerprint(rng, 13, 16)}</div>`;
    body += `<div class="l" style="left:53mm;top:30mm;font-size:1.2mm">Ngón trỏ trái · Ngón trỏ phải</div>`;
    body += mrzBlock(h, s);
  } else {
    bg = 'linear-gradient(165deg,#eef2f7 0%,#f5efe9 100%)';
    body += guilloche(rng, '#ccd5e6', '#e4cdb7');
    const rows = [
      field(s, 'Nơi cư trú', 'Place of residence', h.placeOfResidence, true, 'v p'),
      field(s, 'Nơi đăng ký khai sinh', 'Place of birth', h.placeOfBirthRegistration, true, 'v p'),
      field(s, 'Ngày, tháng, năm cấp', 'Date of issue', toDmy(h.issueDate), !s.twoLineLabels),
      field(s, 'Ngày, tháng, năm hết hạn', 'Date of expiry', toDmy(h.dateOfExpiry!), !s.twoLineLabels),
    ];
    body += `<div data-fit-right="63.5" data-fit-bottom="31.5" style="left:${x(3)}mm;top:${y(2.5)}mm;width:58mm;display:flex;flex-direction:column;gap:0.4mm">${rows.join('')}</div>`;
    body += `<div class="hd" style="left:${x(3)}mm;top:${y(32)}mm;text-align:left">BỘ CÔNG AN<br><i>MINISTRY OF PUBLIC SECURITY</i></div>`;
    body += `<div style="right:3mm;top:3mm">${qrSvg(qr, 18)}</div>`;
    body += `<div style="right:5mm;top:23.5mm">${chip(9, 7.5)}</div>`;
    body += mrzBlock(h, s);
  }
  body += wear(rng);
  return `<!doctype html><html><head><meta charset="utf-8">${css(s, bg)}</head><body><div id="card">${body}</div></body></html>`;
}
