/**
 * An address in the 2025 units, picked, never typed whole (issue 16): the province (34 buttons),
 * then the ward of that province found by typing part of its name (no diacritics needed, Telex
 * works; an old ward's name finds the ward it went into; a slip finds the closest names), then the
 * house number and street. The whole address is shown as it will be sent. An address that was not
 * picked here (read from the ID card) is converted first and shown beside the card's text: the
 * resident checks it and taps “Đúng, dùng địa chỉ này” (whole, or a current ward: nothing is sent
 * before that tap), chooses among the candidate wards (split), or picks (not found).
 *
 * Personal: every name the resident picked or that comes from the card is in `.lv-private` (masked in
 * the volunteer's live view unless the resident shows their data); the typed fields are inputs (masked).
 *
 * Used by the forms' own `address` questions (form/AddressInput.tsx) and the result by post
 * (payments/DeliveryChoice.tsx). The logic is ./picker.ts. The 2025 units and the conversion table
 * are loaded only when a picker is shown (their own chunks).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AddressReading } from '../../../common/admin/address.ts';
import type { CurrentUnits, Ward } from '../../../common/admin/wards.ts';
import type { AddressAnswer } from '../../../common/contract/answers.ts';
import { useKiosk } from '../app/context.ts';
import type { StringKey } from '../i18n/index.ts';
import { TextKeyboard } from '../keyboard/TextKeyboard.tsx';
import { answerOf, needsConfirm, searchFallback, startFrom, wardMatches, type PickerStart } from './picker.ts';

interface Loaded {
  units: CurrentUnits;
  read: (text: string) => AddressReading;
}

export interface AddressPickerProps {
  /** Prefix of the element ids and test ids (`delivery`, `address`). */
  idPrefix: string;
  /** Where to start: picked before, or text to convert (the ID card's address). Read once, and again when it changes from outside. */
  initial: AddressAnswer | null | undefined;
  /** The address once complete (province, ward, and the street when required); null until then. */
  onChange: (a: AddressAnswer | null) => void;
  /** The street or house number is required (post); a residence may be the ward alone (as on many cards). */
  requireLine: boolean;
  lineMax: number;
  provincePrompt: StringKey;
  summaryLabel: StringKey;
}

export function AddressPicker(props: AddressPickerProps) {
  const { t } = useKiosk();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [start, setStart] = useState<PickerStart | null>(null);
  const [province, setProvince] = useState<string | null>(null);
  const [ward, setWard] = useState<Ward | null>(null);
  const [candidates, setCandidates] = useState<Ward[]>([]);
  const [wardQuery, setWardQuery] = useState('');
  const [line, setLine] = useState('');
  const [typing, setTyping] = useState<'ward' | 'line' | null>('ward');
  const [confirmed, setConfirmed] = useState(true);
  const emitted = useRef<string | null>(null);
  const p = props.idPrefix;

  useEffect(() => {
    let live = true;
    void Promise.all([import('../../../common/admin/wards.ts'), import('../../../common/admin/address.ts')]).then(([w, a]) => {
      if (live) setLoaded({ units: w.currentUnits(), read: a.readAddress });
    });
    return () => {
      live = false;
    };
  }, []);

  // (Re)start from `initial` once loaded, and whenever it changes from outside (an ID card read on this page).
  const initialKey = props.initial ? JSON.stringify(props.initial) : '';
  useEffect(() => {
    if (!loaded || (start !== null && initialKey === emitted.current)) return;
    const s = startFrom(props.initial, loaded.units, loaded.read);
    setStart(s);
    setProvince(s.provinceCode);
    setWard(s.wardCode ? (loaded.units.ward(s.wardCode) ?? null) : null);
    setCandidates(s.candidates);
    setLine(s.line);
    setWardQuery('');
    setConfirmed(!needsConfirm(s));
    // a converted or earlier address is complete: no keyboard until the resident taps a field to change it
    setTyping(s.wardCode ? null : 'ward');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, initialKey]);

  const units = loaded?.units ?? null;
  const provinceName = province && units ? (units.province(province)?.name ?? '') : '';
  const answer = answerOf({ provinceCode: province, provinceName, ward, line, requireLine: props.requireLine, confirmed });
  const answerKey = answer ? JSON.stringify(answer) : '';
  // what will be sent, shown once complete — before the confirm tap too
  const text = answerOf({ provinceCode: province, provinceName, ward, line, requireLine: props.requireLine, confirmed: true })?.text ?? '';
  useEffect(() => {
    if (!loaded || !start) return;
    emitted.current = answerKey;
    props.onChange(answer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, start, answerKey]);

  const matches = useMemo(() => (units && province && !ward ? wardMatches(units.wardsOf(province), wardQuery) : []), [units, province, ward, wardQuery]);
  const fallback = useMemo(() => (loaded && province && !ward && matches.length === 0 ? searchFallback(loaded.units, loaded.read, province, wardQuery) : null), [loaded, province, ward, matches, wardQuery]);

  if (!units || !start) return <p role="status">{t('deliveryLoading')}</p>;

  const choose = (w: Ward) => {
    setProvince(w.provinceCode);
    setWard(w);
    setCandidates([]);
    setConfirmed(true);
    setTyping('line');
  };
  const wardButtons = (list: readonly Ward[], testPrefix: string, withProvince: boolean) => (
    <ul className="delivery-wards">
      {list.map((w) => (
        <li key={w.code}>
          <button type="button" className="btn btn-secondary" data-testid={`${testPrefix}-${w.code}`} onClick={() => choose(w)}>
            <span className="lv-private">
              {w.name}
              {withProvince ? `, ${units.province(w.provinceCode)?.name ?? ''}` : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
  const fromSource = start.source !== null;
  const pending = candidates.length > 0 && !ward;

  return (
    <div className="address-picker" data-testid={`${p}-picker`}>
      {fromSource ? (
        <div className="address-source" data-testid={`${p}-source`}>
          <p>
            {t('addrOnCard')} <strong className="lv-private">{start.source}</strong>
          </p>
          {start.how === 'converted-whole' && ward ? <p className="lv-private" data-testid={`${p}-converted`}>{t('addrConverted', { old: start.former ?? '', ward: ward.name, province: provinceName })}</p> : null}
          {start.how === 'current' && ward ? <p>{t('addrCheck')}</p> : null}
          {/* in the card's box, where the eye already is (the summary below may be under the fold) */}
          {text && !confirmed ? (
            <button type="button" className="btn btn-primary address-confirm" data-testid={`${p}-confirm`} onClick={() => (setConfirmed(true), setTyping(null))}>
              {t('addrConfirm')}
            </button>
          ) : null}
        </div>
      ) : null}
      {pending ? (
        <div role="group" aria-labelledby={`${p}-ask-candidates`}>
          <p className="delivery-ask" id={`${p}-ask-candidates`} data-testid={`${p}-ask`}>
            {start.how === 'converted-split' ? t('deliverySplit') : start.how === 'ambiguous' && candidates.length > 1 ? t('addrAmbiguous') : t('addrNotFound')}
          </p>
          {wardButtons(candidates, 'candidate', true)}
          <button type="button" className="btn btn-secondary" data-testid={`${p}-other`} onClick={() => setCandidates([])}>
            {t('addrOther')}
          </button>
        </div>
      ) : null}
      {!pending && !province ? (
        <>
          <p className="delivery-ask">{t(props.provincePrompt)}</p>
          <div className="delivery-provinces">
            {units.provinces.map((pr) => (
              <button key={pr.code} type="button" className="btn btn-secondary" data-testid={`province-${pr.code}`} onClick={() => setProvince(pr.code)}>
                {pr.name}
              </button>
            ))}
          </div>
        </>
      ) : null}
      {!pending && province ? (
        <>
          <p className="delivery-picked">
            <span className="lv-private">{provinceName}</span>{' '}
            <button type="button" className="btn btn-secondary" data-testid={`${p}-change-province`} onClick={() => (setProvince(null), setWard(null), setWardQuery(''), setTyping('ward'))}>
              {t('change')}
            </button>
          </p>
          {ward ? (
            <p className="delivery-picked" data-testid={`${p}-ward`}>
              <span className="lv-private">{ward.name}</span>{' '}
              <button type="button" className="btn btn-secondary" data-testid={`${p}-change-ward`} onClick={() => (setWard(null), setTyping('ward'))}>
                {t('change')}
              </button>
            </p>
          ) : (
            <>
              <label htmlFor={`${p}-ward-input`} className="delivery-ask">
                {t('deliveryWard')}
              </label>
              <input id={`${p}-ward-input`} className="input" data-testid={`${p}-ward-input`} value={wardQuery} readOnly onFocus={() => setTyping('ward')} />
              {matches.length > 0 ? wardButtons(matches, 'ward', false) : null}
              {fallback ? (
                <>
                  <p className="delivery-ask" data-testid={`${p}-fallback`} data-kind={fallback.kind}>
                    {fallback.kind === 'former' ? t('addrFormer', { old: fallback.former ?? wardQuery }) : t('addrNearest')}
                  </p>
                  {wardButtons(fallback.wards, 'ward', false)}
                </>
              ) : null}
            </>
          )}
          {ward ? (
            <>
              <label htmlFor={`${p}-line-input`} className="delivery-ask">
                {t('deliveryLine')}
              </label>
              <input id={`${p}-line-input`} className="input lv-private" data-testid={`${p}-line-input`} value={line} readOnly onFocus={() => setTyping('line')} />
            </>
          ) : null}
          {text ? (
            <p className="delivery-summary lv-private" data-testid={`${p}-summary`}>
              {t(props.summaryLabel)} <strong>{text}</strong>
            </p>
          ) : null}
          {typing === 'ward' && !ward ? <TextKeyboard value={wardQuery} onChange={setWardQuery} maxLength={60} controls={`${p}-ward-input`} /> : null}
          {typing === 'line' && ward ? <TextKeyboard value={line} onChange={setLine} maxLength={props.lineMax} controls={`${p}-line-input`} /> : null}
        </>
      ) : null}
    </div>
  );
}
