import { describe, expect, it } from 'vitest';
import { IdCardError } from '../../../common/idcard/fields.ts';
import { icaoCheckDigit, parseMrz } from '../../../common/idcard/mrz.ts';

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
