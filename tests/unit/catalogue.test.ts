import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { parseCatalogue, type Service } from '../../kiosk-config/catalogue.schema.ts';
import { allQuestions } from '../../common/forms/engine.ts';

const CATALOGUE_URL = new URL('../../kiosk-config/catalogue/services.json', import.meta.url);

type Entry = Record<string, unknown>;
interface RawFile {
  schemaVersion: unknown;
  version: unknown;
  categories: Entry[];
  services: Entry[];
  [k: string]: unknown;
}

/** A fresh copy of the shipped file, as raw JSON (never the parsed result). */
const loadRaw = (): RawFile => JSON.parse(readFileSync(CATALOGUE_URL, 'utf8')) as RawFile;

/** Every ward-level procedure in ../shared/reference/services.md. */
const TABLE_CODES = [
  '1.001193', // Đăng ký khai sinh
  '2.002621', // Liên thông khai sinh – thường trú – thẻ BHYT (dưới 6 tuổi)
  '1.000656', // Đăng ký khai tử
  '2.002622', // Liên thông khai tử – xóa thường trú – mai táng phí
  '1.000894', // Đăng ký kết hôn
  '1.004873', // Cấp giấy xác nhận tình trạng hôn nhân
  '1.004859', // Thay đổi, cải chính, bổ sung thông tin hộ tịch
  '2.000635', // Cấp bản sao trích lục hộ tịch
  '2.000815', // Chứng thực bản sao từ bản chính
  '2.000884', // Chứng thực chữ ký
  '1.004222', // Đăng ký thường trú
  '1.004194', // Đăng ký tạm trú
  '1.002755', // Gia hạn tạm trú
  '1.003197', // Xóa đăng ký thường trú
  '1.010028', // Xóa đăng ký tạm trú
  '1.010038', // Tách hộ
  '1.010039', // Điều chỉnh thông tin về cư trú
  '1.003677', // Khai báo tạm vắng
  '2.001159', // Thông báo lưu trú
  '1.010041', // Xác nhận thông tin về cư trú
  '1.001776', // Trợ cấp xã hội hằng tháng
  '1.001699', // Xác định mức độ khuyết tật
  '1.001731', // Hỗ trợ chi phí mai táng
];

/** Chỉ thị 24/CT-TTg: accepted only online from 1/10/2025 (the ward-level ones in the table). */
const ESSENTIAL_CODES = ['1.001193', '1.000656', '1.000894', '2.002621', '2.002622', '1.004222', '1.004194', '1.003677', '2.001159'];
const LINKED_CODES = ['2.002621', '2.002622'];
/** The procedures whose form follows the official declaration field by field (issue 13). */
const OFFICIAL_FORMS = ['1.001193', '1.000656', '1.004873', '1.000894', '1.004222', '1.004194', '2.000635'];
const HIGH_POPULARITY = ['1.001193', '1.004222', '1.004194', '2.000815', '1.004873'];

const VI_DIACRITIC = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

/** UTF-8 read as Latin-1 / Windows-1252, replacement characters, C1 controls, '?' where a letter was lost. */
function mojibakeIn(s: string): string | null {
  const patterns: [string, RegExp][] = [
    ['UTF-8 read as Latin-1/1252 (Ã, Ä, Æ, Â, Å + continuation)', /[ÃÄÆÂÅ][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/u],
    ['UTF-8 read as Latin-1/1252 (á» / áº)', /á[º»]/u],
    ['UTF-8 punctuation read as 1252 (â€)', /â€/u],
    ['replacement character', /\uFFFD/u],
    ['C1 control character', /[\u0080-\u009F]/u],
    // A lost letter: '?' glued to a letter or another '?', or a '?' followed by a lowercase word (a real question ends the sentence).
    ['question mark where a letter was lost', /\?(?=[\p{L}?])|\?\s\p{Ll}/u],
  ];
  for (const [what, re] of patterns) if (re.test(s)) return what;
  return null;
}

/** Every Vietnamese string in the raw file: each `vi` of a localized text, and the keywords. */
function vietnameseStrings(node: unknown, path = '', out: { path: string; text: string }[] = []): { path: string; text: string }[] {
  if (Array.isArray(node)) node.forEach((v, i) => vietnameseStrings(v, `${path}[${i}]`, out));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'vi' && typeof v === 'string') out.push({ path: `${path}.vi`, text: v });
      else if (k === 'keywords' && Array.isArray(v)) v.forEach((w, i) => typeof w === 'string' && out.push({ path: `${path}.keywords[${i}]`, text: w }));
      else vietnameseStrings(v, `${path}.${k}`, out);
    }
  }
  return out;
}

function entryByCode(file: RawFile, code: string): { entry: Entry; index: number } {
  const index = file.services.findIndex((s) => s.code === code);
  const entry = file.services[index];
  if (index < 0 || !entry) throw new Error(`no entry ${code} in the shipped file`);
  return { entry, index };
}

function byCode(services: Service[], code: string): Service {
  const s = services.find((x) => x.code === code);
  if (!s) throw new Error(`service ${code} not loaded`);
  return s;
}

describe('shipped service catalogue (kiosk-config/catalogue/services.json)', () => {
  const raw = loadRaw();
  const cat = parseCatalogue(raw);

  it('parses with zero problems, with every procedure of the services.md table', () => {
    expect(cat.problems).toEqual([]);
    expect(cat.services.length).toBe(raw.services.length);
    expect(cat.services.length).toBeGreaterThanOrEqual(23);
    const codes = cat.services.map((s) => s.code);
    for (const code of TABLE_CODES) expect(codes, `missing ${code}`).toContain(code);
    expect(raw.schemaVersion).toBe(1);
    expect(cat.version).toMatch(/^\d{4}\.\d{2}\.\d{2}-\d+$/);
  });

  it('has the four required categories, each with vi/en name, description and icon, and every category is used', () => {
    const ids = cat.categories.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['ho-tich', 'cu-tru', 'chung-thuc', 'bao-tro-xa-hoi']));
    expect(cat.categories.find((c) => c.id === 'ho-tich')?.name.vi).toBe('Hộ tịch');
    expect(cat.categories.find((c) => c.id === 'cu-tru')?.name.vi).toBe('Cư trú');
    expect(cat.categories.find((c) => c.id === 'chung-thuc')?.name.vi).toBe('Chứng thực');
    expect(cat.categories.find((c) => c.id === 'bao-tro-xa-hoi')?.name.vi).toBe('Bảo trợ xã hội');
    for (const c of cat.categories) {
      expect(c.icon.length, c.id).toBeGreaterThan(0);
      expect(cat.services.some((s) => s.field === c.id || s.alsoIn.includes(c.id)), `category ${c.id} has no service`).toBe(true);
    }
  });

  it('says why and what to do instead for every procedure that is not fully online, or cannot be taken at the kiosk', () => {
    const notFull = cat.services.filter((s) => s.online.level !== 'toan-trinh');
    expect(notFull.length).toBeGreaterThan(0);
    for (const s of [...notFull, ...cat.services.filter((x) => x.questions.length === 0)]) {
      expect(s.online.reason?.vi.trim().length ?? 0, `${s.code} reason`).toBeGreaterThan(10);
      expect(s.online.reason?.en.trim().length ?? 0, `${s.code} reason`).toBeGreaterThan(10);
      expect(s.online.instead?.vi.trim().length ?? 0, `${s.code} instead`).toBeGreaterThan(10);
      expect(s.online.instead?.en.trim().length ?? 0, `${s.code} instead`).toBeGreaterThan(10);
    }
    // Counter-only procedures send the resident to the one-stop office.
    for (const code of ['2.000815', '2.000884']) {
      const s = byCode(cat.services, code);
      expect(s.online.level).toBe('khong');
      expect(s.online.instead?.vi).toContain('Bộ phận một cửa');
      expect(s.online.reason?.vi).toMatch(/bản chính|có mặt/);
    }
  });

  it('marks the linked procedures as done on DVCQG/VNeID, not at the kiosk', () => {
    for (const code of LINKED_CODES) {
      const s = byCode(cat.services, code);
      expect(s.questions).toEqual([]);
      expect(s.alsoIn).toContain('cu-tru');
      expect(s.online.instead?.vi).toMatch(/VNeID/);
      expect(s.online.instead?.vi).toMatch(/dichvucong\.gov\.vn/);
      expect(s.online.reason?.vi).toMatch(/Cổng Dịch vụ công quốc gia/);
    }
    expect(byCode(cat.services, '2.002622').alsoIn).toContain('bao-tro-xa-hoi');
  });

  it('flags exactly the Chỉ thị 24 procedures as essential, and features the most used ones', () => {
    const essential = cat.services.filter((s) => s.online.essential).map((s) => s.code).sort();
    expect(essential).toEqual([...ESSENTIAL_CODES].sort());
    for (const code of HIGH_POPULARITY) expect(byCode(cat.services, code).popularity, code).toBeGreaterThanOrEqual(80);
    const top5 = [...cat.services].sort((a, b) => b.popularity - a.popularity).slice(0, 5).map((s) => s.code);
    expect(top5.sort()).toEqual([...HIGH_POPULARITY].sort());
  });

  it('carries the fees of the table, with null and a note where the province sets them', () => {
    const fee = (code: string) => byCode(cat.services, code).fee;
    expect(fee('1.004222').counter.amountVnd).toBe(20000);
    expect(fee('1.004222').online.amountVnd).toBe(10000);
    expect(fee('1.004194').counter.amountVnd).toBe(15000);
    expect(fee('1.004194').online.amountVnd).toBe(7000);
    expect(fee('1.010038').counter.amountVnd).toBe(10000);
    expect(fee('1.010038').online.amountVnd).toBe(5000);
    expect(fee('2.000884').counter.amountVnd).toBe(10000);
    expect(fee('2.000815').counter.note?.vi).toMatch(/200\.000/);
    expect(fee('1.001193').counter.amountVnd).toBe(0);
    expect(fee('1.001193').counter.note?.vi).toMatch(/60 ngày/);
    for (const code of ['1.004873', '1.004859', '2.000635']) {
      expect(fee(code).counter.amountVnd, code).toBeNull();
      expect(fee(code).counter.note?.vi, code).toMatch(/theo quy định của tỉnh\/thành phố/i);
    }
    // A null amount never goes without an explanation.
    for (const s of cat.services) for (const where of ['counter', 'online'] as const) if (s.fee[where].amountVnd === null) expect(s.fee[where].note, `${s.code} ${where}`).toBeDefined();
  });

  it('gives every procedure the kiosk can take a guided form of well-formed questions (3–8, the official declarations more)', () => {
    let total = 0;
    for (const s of cat.services) {
      expect(s.documents.length, `${s.code} documents`).toBeGreaterThan(0);
      expect(s.keywords.length, `${s.code} keywords`).toBeGreaterThan(0);
      if (s.online.level === 'khong' || LINKED_CODES.includes(s.code)) {
        expect(s.questions, s.code).toEqual([]);
        continue;
      }
      expect(s.questions.length, s.code).toBeGreaterThanOrEqual(3);
      expect(s.questions.length, s.code).toBeLessThanOrEqual(OFFICIAL_FORMS.includes(s.code) ? 40 : 8);
      total += s.questions.length;
      for (const q of allQuestions(s)) {
        const where = `${s.code} ${q.id}`;
        if (q.type === 'choice' || q.type === 'select' || q.options) {
          expect(q.options?.length ?? 0, where).toBeGreaterThanOrEqual(2);
          for (const o of q.options ?? []) expect(o.label.vi && o.label.en, where).toBeTruthy();
        }
        if (!['choice', 'select', 'relationship'].includes(q.type)) expect(q.options, where).toBeUndefined();
        if (q.type === 'idNumber' || q.type === 'phone' || q.type === 'address' || q.autofill) expect(q.personal, where).toBe(true);
        const field = typeof q.autofill === 'object' ? q.autofill.field : q.autofill;
        if (field === 'fullName') expect(q.type, where).toBe('text');
        if (field === 'idNumber') expect(q.type, where).toBe('idNumber');
        if (field === 'dateOfBirth') expect(q.type, where).toBe('date');
        if (field === 'placeOfResidence') expect(['address', 'text', 'longText'], where).toContain(q.type);
      }
    }
    expect(total).toBeGreaterThanOrEqual(23 * 3 - 4 * 3);
  });

  it('asks for a birth registration what the real tờ khai asks (TT 04/2020 as amended by TT 04/2024)', () => {
    const s = byCode(cat.services, '1.001193');
    const qs = allQuestions(s);
    const type = (id: string) => qs.find((q) => q.id === id)?.type;
    // The child: full name, sex, date and place of birth, ethnicity, nationality, home town.
    expect([type('childName'), type('childSex'), type('childDateOfBirth'), type('placeOfBirth'), type('childEthnicity'), type('childNationality'), type('childHomeTown')]).toEqual(['text', 'sex', 'date', 'text', 'ethnicity', 'nationality', 'text']);
    // The mother and the father: full name, date of birth, ethnicity, nationality, residence, ID number — each from that parent's card.
    for (const p of ['mother', 'father']) {
      expect(['Name', 'DateOfBirth', 'Ethnicity', 'Nationality', 'Residence', 'Id'].map((f) => type(`${p}${f}`)), p).toEqual(['text', 'date', 'ethnicity', 'nationality', 'address', 'idNumber']);
      expect(qs.find((q) => q.id === `${p}Name`)?.autofill).toEqual({ person: p, field: 'fullName' });
    }
    // An unknown father: his questions are asked only when he is known.
    for (const q of qs.filter((x) => x.id.startsWith('father') && x.id !== 'fatherKnown')) expect(q.showIf, q.id).toEqual({ question: 'fatherKnown', equals: ['yes'] });
    // Registering late: asked why only after 60 days.
    expect(qs.find((q) => q.id === 'lateReason')?.showIf).toEqual({ question: 'childDateOfBirth', olderThanDays: 60 });
    // The person registering (from their own card) and their relationship; copies of the extract.
    expect(qs.find((q) => q.id === 'declarantName')?.autofill).toBe('fullName');
    expect(type('relationship')).toBe('relationship');
    expect(type('copies')).toBe('copies');
    // The child's own name is never pre-filled from a card.
    expect(qs.find((q) => q.id === 'childName')?.autofill).toBeUndefined();
    expect(s.people.map((p) => p.id)).toEqual(['mother', 'father']);
    expect(s.sections.map((x) => x.id)).toEqual(['requester', 'child', 'mother', 'father', 'result']);
    expect(s.papers.find((p) => p.id === 'birth-notice')).toMatchObject({ required: true });
    expect(s.form?.basis).toMatch(/04\/2024\/TT-BTP/);
  });

  it('asks for permanent and temporary residence what form CT01 asks (TT 66/2023/TT-BCA)', () => {
    for (const code of ['1.004222', '1.004194']) {
      const s = byCode(cat.services, code);
      expect(s.form?.name.vi, code).toMatch(/CT01/);
      expect(s.form?.basis, code).toMatch(/66\/2023\/TT-BCA/);
      const ids = s.questions.map((q) => q.id);
      expect(ids, code).toEqual(expect.arrayContaining(['declarantName', 'dateOfBirth', 'declarantSex', 'declarantId', 'phone', 'email', 'relationToHead', 'householdHeadName', 'householdHeadId', 'members']));
      const members = s.questions.find((q) => q.id === 'members');
      expect(members?.type, code).toBe('group');
      if (members?.type === 'group') expect(members.questions.map((q) => q.id)).toEqual(['memberName', 'memberDateOfBirth', 'memberSex', 'memberId', 'memberRelation']);
      expect(s.questions.some((q) => q.type === 'address'), code).toBe(true);
      expect(s.papers.some((p) => p.required), code).toBe(true);
    }
  });

  it('names the agency that decides every procedure: the police for residence, the People’s Committee otherwise', () => {
    for (const s of cat.services) {
      expect(s.agency, s.code).toBeDefined();
      const residence = s.field === 'cu-tru';
      expect(s.agency!.kind, s.code).toBe(residence ? 'cong-an' : 'ubnd');
    }
  });

  it('cites the official declaration and lists the papers of every official form', () => {
    for (const code of OFFICIAL_FORMS) {
      const s = byCode(cat.services, code);
      expect(s.form, code).toBeDefined();
      expect(s.sections.length, code).toBeGreaterThanOrEqual(2);
      for (const p of s.papers) expect(p.maxPages, `${code} ${p.id}`).toBeGreaterThanOrEqual(1);
    }
    // Every procedure the kiosk files says which papers it photographs (possibly none), and most need one.
    const filed = cat.services.filter((s) => s.questions.length > 0);
    expect(filed.filter((s) => s.papers.length > 0).length).toBeGreaterThanOrEqual(filed.length - 4);
  });

  it('has a choice with options in every choice question of the raw file', () => {
    // Checked on the raw file too, so a renderer that reads the JSON directly is safe.
    for (const s of raw.services)
      for (const q of (s.questions as Entry[]) ?? [])
        if (q.type === 'choice') expect(Array.isArray(q.options) && (q.options as unknown[]).length >= 2, `${String(s.code)} ${String(q.id)}`).toBe(true);
  });

  it('writes Vietnamese with correct Unicode: no mojibake, NFC, and a diacritic in every service name', () => {
    const strings = vietnameseStrings(raw);
    expect(strings.length).toBeGreaterThan(500);
    for (const { path, text } of strings) {
      expect(mojibakeIn(text), `${path}: ${text}`).toBeNull();
      expect(text === text.normalize('NFC'), `${path} is not NFC`).toBe(true);
      expect(text.trim(), path).toBe(text);
    }
    for (const s of cat.services) expect(s.name.vi, s.code).toMatch(VI_DIACRITIC);
    for (const c of cat.categories) expect(c.name.vi, c.id).toMatch(VI_DIACRITIC);
  });

  it('the mojibake check catches the usual corruptions of these very names', () => {
    const names = cat.services.map((s) => s.name.vi);
    const cp1252 = new TextDecoder('windows-1252');
    for (const name of names) {
      const bytes = Buffer.from(name, 'utf8');
      expect(mojibakeIn(bytes.toString('latin1')), `latin1 ${name}`).not.toBeNull();
      expect(mojibakeIn(cp1252.decode(bytes)), `1252 ${name}`).not.toBeNull();
      expect(mojibakeIn(name.replace(new RegExp(VI_DIACRITIC.source, 'giu'), '?')), `? ${name}`).not.toBeNull();
    }
    expect(mojibakeIn('Đăng ký khai sinh')).toBeNull();
  });
});

describe('bad catalogue input', () => {
  it('skips and reports a missing fee, an unknown category, a duplicated code and a broken question; the rest still load', () => {
    const good = loadRaw();
    const bad = loadRaw();
    const noFee = entryByCode(bad, '1.000656');
    delete noFee.entry.fee;
    const unknownField = entryByCode(bad, '1.004873');
    unknownField.entry.field = 'giao-thong';
    const duplicate = entryByCode(bad, '1.010028');
    duplicate.entry.code = '1.004194';
    const brokenQuestion = entryByCode(bad, '1.004222');
    const questions = brokenQuestion.entry.questions as Entry[];
    const choiceAt = questions.findIndex((q) => q.type === 'choice');
    expect(choiceAt).toBeGreaterThanOrEqual(0);
    delete (questions[choiceAt] as Entry).options;

    const cat = parseCatalogue(bad);

    expect(cat.services.length).toBe(good.services.length - 4);
    expect(cat.problems).toHaveLength(4);
    const problem = (index: number) => cat.problems.find((p) => p.index === index);

    expect(problem(noFee.index)).toMatchObject({ code: '1.000656' });
    expect(problem(noFee.index)?.problems.some((m) => m.startsWith('fee'))).toBe(true);

    expect(problem(unknownField.index)).toMatchObject({ code: '1.004873' });
    expect(problem(unknownField.index)?.problems).toEqual(['field: unknown category "giao-thong"']);

    expect(problem(duplicate.index)).toMatchObject({ code: '1.004194' });
    expect(problem(duplicate.index)?.problems).toEqual(['code: duplicate "1.004194"']);

    expect(problem(brokenQuestion.index)).toMatchObject({ code: '1.004222' });
    expect(problem(brokenQuestion.index)?.problems.some((m) => m.startsWith(`questions.${choiceAt}.options`))).toBe(true);

    // The rest load untouched, and the first 1.004194 (the real tạm trú) wins over the duplicate.
    const loaded = cat.services.map((s) => s.code).sort();
    const expected = good.services.map((s) => String(s.code)).filter((c) => !['1.000656', '1.004873', '1.010028', '1.004222'].includes(c)).sort();
    expect(loaded).toEqual(expected);
    expect(byCode(cat.services, '1.004194').name.vi).toBe('Đăng ký tạm trú');
  });

  it('reports entries that are not objects, have extra fields or lack reason/instead, with a null code when there is none', () => {
    const bad = loadRaw();
    const n = bad.services.length;
    bad.services.push('not a service' as unknown as Entry);
    const extra = entryByCode(bad, '1.002755');
    extra.entry.price = 15000;
    const noInstead = entryByCode(bad, '1.000894');
    delete (noInstead.entry.online as Entry).instead;

    const cat = parseCatalogue(bad);
    expect(cat.services.length).toBe(n - 2);
    expect(cat.problems.find((p) => p.index === n)).toMatchObject({ code: null });
    expect(cat.problems.find((p) => p.index === extra.index)?.problems.join(' ')).toMatch(/price/);
    expect(cat.problems.find((p) => p.index === noInstead.index)?.problems.join(' ')).toMatch(/^online/);
  });

  it('throws on a broken envelope', () => {
    const noCategories = loadRaw() as Partial<RawFile>;
    delete noCategories.categories;
    expect(() => parseCatalogue(noCategories)).toThrow(/categories/);

    const wrongVersion = loadRaw();
    wrongVersion.schemaVersion = 2;
    expect(() => parseCatalogue(wrongVersion)).toThrow();

    expect(() => parseCatalogue(null)).toThrow();
    // And the shipped file itself does not throw (so the two cases above prove something).
    expect(() => parseCatalogue(loadRaw())).not.toThrow();
  });
});

describe('catalogue dates', () => {
  it('births and deaths must be in the past; planned stays and returns in the future', () => {
    const { services } = parseCatalogue(loadRaw());
    const dates = services.flatMap((s) => allQuestions(s).filter((q) => q.type === 'date').map((q) => ({ code: s.code, id: q.id, when: q.when })));
    expect(dates.length).toBeGreaterThanOrEqual(10);
    for (const d of dates) {
      if (/DateOfBirth|dateOfBirth|dateOfDeath/.test(d.id)) expect(d.when, `${d.code} ${d.id}`).toBe('past');
      if (['stayUntil', 'toDate', 'departureDate'].includes(d.id)) expect(d.when, `${d.code} ${d.id}`).toBe('future');
    }
  });
});
