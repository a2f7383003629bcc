import { describe, expect, it } from 'vitest';
import { IdCardError } from '../../../common/idcard/fields.ts';
import { icaoCheckDigit, mrzLineEdits, parseMrz } from '../../../common/idcard/mrz.ts';
import { makePerson, makeRng } from '../../idcard-data/people.ts';

const L1 = 'IDVNM0900123450079090012345<<0';
const L2 = '9001011M3001019VNM<<<<<<<<<<<8';
const L3 = 'NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<';

function err(fn: () => unknown): IdCardError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IdCardError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('parseMrz (TD1)', () => {
  it('parses the fake example of cccd.md with its check digits', () => {
    const r = parseMrz([L1, L2, L3]);
    expect(r.corrections).toBe(0);
    expect(r.fields).toEqual({
      idNumber: '079090012345',
      dateOfBirth: '1990-01-01',
      sex: 'Nam',
      dateOfExpiry: '2030-01-01',
      nationality: 'Việt Nam',
      fullNameAscii: 'NGUYEN VAN AN',
    });
  });

  it('computes ICAO check digits', () => {
    expect(icaoCheckDigit('090012345')).toBe(0);
    expect(icaoCheckDigit('079090012345')).toBe(0);
    expect(icaoCheckDigit('900101')).toBe(1);
  });

  it('a flipped digit fails with "sai số kiểm tra" naming the field', () => {
    const e = err(() => parseMrz([L1, '9001021M3001019VNM<<<<<<<<<<<8', L3]));
    expect(e.code).toBe('check_digit');
    expect(e.message).toContain('sai số kiểm tra');
    expect(e.message).toContain('ngày sinh');
    const e2 = err(() => parseMrz(['IDVNM0900123450079090012346<<0', L2, L3]));
    expect(e2.code).toBe('check_digit');
    expect(e2.message).toMatch(/sai số kiểm tra: (số định danh|số giấy tờ|số kiểm tra tổng hợp)/);
  });

  it('fixes O/0, I/1, S/5 confusions in numeric fields and 0→O in names before checking', () => {
    const r = parseMrz(['IDVNMO9OO12345OO79O9OO12345<<O', '9OO1O1IM3OO1O19VNM<<<<<<<<<<<8', 'NGUYEN<<VAN<AN<<<<<<K<<<<<<<<<'].join('\n'));
    expect(r.fields.idNumber).toBe('079090012345');
    expect(r.fields.dateOfBirth).toBe('1990-01-01');
    expect(r.fields.fullNameAscii).toBe('NGUYEN VAN AN');
    expect(r.corrections).toBeGreaterThan(5);
    // 6 → G in the name line (a letter position)
    expect(parseMrz([L1, L2, 'N6UYEN<<VAN<AN<<<<<<<<<<<<<<<<']).fields.fullNameAscii).toBe('NGUYEN VAN AN');
  });

  it('accepts OCR text with spaces and a line one filler short', () => {
    const r = parseMrz(`some text above\nID VNM 090012345 0079090012345<0\n${L2}\n${L3.slice(0, 27)}\n`);
    expect(r.fields.idNumber).toBe('079090012345');
  });

  it('refuses text that is not a Vietnamese TD1 MRZ', () => {
    expect(err(() => parseMrz('hello\nworld')).code).toBe('mrz_format');
    expect(err(() => parseMrz(['P<UTOERIKSSON<<ANNA<MARIA<<<<<', L2, L3])).code).toBe('mrz_format');
  });

  it('takes the century of the birth year from the ID (G digit)', () => {
    // 2005 female: G = 3
    const id = '001305001234';
    const l1 = `IDVNM${id.slice(3)}${icaoCheckDigit(id.slice(3))}${id}<<${icaoCheckDigit(id)}`;
    const dob = '050605';
    const exp = '300605';
    const l2body = `${dob}${icaoCheckDigit(dob)}F${exp}${icaoCheckDigit(exp)}VNM<<<<<<<<<<<`;
    const comp = icaoCheckDigit(l1.slice(5, 30) + l2body.slice(0, 7) + l2body.slice(8, 15) + l2body.slice(18, 29));
    const r = parseMrz([l1, l2body + comp, 'TRAN<<THI<BICH<NGOC<<<<<<<<<<<']);
    expect(r.fields.dateOfBirth).toBe('2005-06-05');
    expect(r.fields.sex).toBe('Nữ');
  });
});

describe('check-digit-guided repair of OCR slips', () => {
  it('removes a doubled glyph in line 1 ("0" read as "0O") because every check digit then passes', () => {
    const r = parseMrz(['IDVNM0O900123450079090012345<<0', L2, L3]);
    expect(r.repaired).toBe(true);
    expect(r.compositeMissing).toBe(false);
    expect(r.fields.idNumber).toBe('079090012345');
    expect(r.lines[0]).toBe(L1);
  });

  it('removes a ghost character before the composite digit of line 2', () => {
    const r = parseMrz([L1, '9001011M3001019VNM<<<<<<<<<<<38', L3]);
    expect(r.repaired).toBe(true);
    expect(r.lines[1]).toBe(L2);
    expect(r.fields.dateOfBirth).toBe('1990-01-01');
  });

  it('recomputes a composite digit read as a letter; the field check digits still decide', () => {
    const r = parseMrz([L1, '9001011M3001019VNM<<<<<<<<<<<H', L3]);
    expect(r.compositeMissing).toBe(true);
    expect(r.lines[1]).toBe(L2);
    // …but a wrong birth digit is still refused
    expect(err(() => parseMrz([L1, '9001021M3001019VNM<<<<<<<<<<<H', L3])).code).toBe('check_digit');
  });

  it('never repairs a wrong digit: a doubled glyph plus a misread digit is refused', () => {
    const e = err(() => parseMrz(['IDVNM0O900123450079090012346<<0', L2, L3]));
    expect(e.code).toBe('check_digit');
  });

  it('offers only edits of the right length and never touches IDVNM', () => {
    const edits = mrzLineEdits('IDVNM0O900123450079090012345<<0', 0);
    expect(edits).toContain(L1);
    for (const e of edits) {
      expect(e).toHaveLength(30);
      expect(e.startsWith('IDVNM')).toBe(true);
    }
    expect(mrzLineEdits('9001011M3001019VNM<<<<<<<<<<8', 1)).toContain(L2);
    expect(mrzLineEdits('too short', 1)).toEqual([]);
  });

  it('a repaired reading is never a wrong one (2000 random OCR slips on fake MRZs)', () => {
    const rng = makeRng(4242);
    const CH = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<';
    let repaired = 0;
    for (let n = 0; n < 2000; n++) {
      const p = makePerson(rng, n % 2 ? 2021 : 2024);
      const lines = [...p.mrz];
      const li = Math.floor(rng() * 2);
      let l = lines[li]!;
      for (let k = 1 + Math.floor(rng() * 2); k > 0; k--) {
        const at = 5 + Math.floor(rng() * (l.length - 5));
        const c = CH[Math.floor(rng() * CH.length)]!;
        const kind = Math.floor(rng() * 4);
        if (kind === 0) l = l.slice(0, at) + c + l.slice(at + 1);
        else if (kind === 1) l = l.slice(0, at) + c + l.slice(at);
        else if (kind === 2) l = l.slice(0, at) + l.slice(at + 1);
        else l = l.slice(0, at) + l[at] + l.slice(at);
      }
      lines[li] = l;
      let r;
      try {
        r = parseMrz(lines);
      } catch {
        continue;
      }
      if (!r.repaired) continue;
      repaired++;
      for (const f of ['idNumber', 'dateOfBirth', 'sex', 'dateOfExpiry'] as const) expect(r.fields[f], JSON.stringify(lines)).toBe(p.fields[f]);
    }
    expect(repaired).toBeGreaterThan(300);
  });
});
