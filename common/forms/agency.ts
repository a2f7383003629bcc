/**
 * Who decides a procedure, in words for the next steps and the receipt. The
 * catalogue says the kind (Ủy ban nhân dân or Công an of the commune/ward) and
 * a generic name; the kiosk's ward names the place. Layer: common, pure.
 */
import type { Agency } from '../../kiosk-config/catalogue.schema.ts';

interface Text {
  vi: string;
  en: string;
}

/** "UBND Phường Cửa Nam" → "phường Cửa Nam"; "Cua Nam Ward People's Committee" → "Cua Nam Ward". */
export function wardPlace(wardName: Text): Text {
  const vi = wardName.vi
    .trim()
    .replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu, '')
    .replace(/^(Phường|Xã|Đặc khu)(?=\s)/u, (w) => w.toLowerCase());
  const en = wardName.en
    .trim()
    .replace(/\s*People['’]s Committee/iu, '')
    .replace(/^the\s+/iu, '');
  return { vi, en };
}

/** The agency that decides, named for this kiosk's ward: "Công an phường Cửa Nam", "the police of Cua Nam Ward". */
export function decidingAgency(agency: Agency | undefined, wardName: Text): Text {
  const place = wardPlace(wardName);
  if (!agency) return { vi: `Ủy ban nhân dân ${place.vi}`, en: `the People's Committee of ${place.en}` };
  if (agency.kind === 'cong-an') return { vi: `Công an ${place.vi}`, en: `the police of ${place.en}` };
  return { vi: `Ủy ban nhân dân ${place.vi}`, en: `the People's Committee of ${place.en}` };
}
