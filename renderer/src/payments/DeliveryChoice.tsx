/**
 * How the resident receives the result (issue 16): at the ward's one-stop desk, or by post.
 * By post: the province (34 buttons), then the ward of that province found by typing part of
 * its name (the same folding as the services search: no diacritics needed, Telex works), then
 * the street and house number; the address as it will be sent is shown whole before submitting.
 * The 2025 units are loaded only when "by post" is chosen.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CurrentUnits, Ward } from '../../../common/admin/wards.ts';
import type { Delivery } from '../../../common/payments/delivery.ts';
import { fold } from '../../../common/text/fold.ts';
import { telexToVi } from '../../../common/text/ime.ts';
import { useKiosk } from '../app/context.ts';
import { TextKeyboard } from '../keyboard/TextKeyboard.tsx';

const MAX_WARDS_SHOWN = 8;

export function wardMatches(wards: readonly Ward[], query: string): Ward[] {
  const q = fold(query).replace(/^(phuong|xa|dac khu)\s+/, '');
  const qt = fold(telexToVi(query)).replace(/^(phuong|xa|dac khu)\s+/, '');
  if (q === '') return [];
  const scored: { w: Ward; s: number }[] = [];
  for (const w of wards) {
    const n = fold(w.name).replace(/^(phuong|xa|dac khu)\s+/, '');
    let s = -1;
    for (const x of [q, qt]) {
      if (n === x) s = Math.max(s, 3);
      else if (n.startsWith(x)) s = Math.max(s, 2);
      else if (n.includes(x)) s = Math.max(s, 1);
    }
    if (s >= 0) scored.push({ w, s });
  }
  return scored.sort((a, b) => b.s - a.s || a.w.name.localeCompare(b.w.name, 'vi')).slice(0, MAX_WARDS_SHOWN).map((x) => x.w);
}

export function DeliveryChoice(props: { value: Delivery | null; onChange: (d: Delivery | null) => void; /** The residence address from the form (read from the ID card): offered, converted to the 2025 units. */ fromCard?: string | null }) {
  const { t } = useKiosk();
  const [method, setMethod] = useState<'desk' | 'post'>(props.value?.method ?? 'desk');
  const [units, setUnits] = useState<CurrentUnits | null>(null);
  const [province, setProvince] = useState<string | null>(null);
  const [wardQuery, setWardQuery] = useState('');
  const [ward, setWard] = useState<Ward | null>(null);
  const [line, setLine] = useState('');
  const [typing, setTyping] = useState<'ward' | 'line'>('ward');

  useEffect(() => {
    if (method !== 'post' || units) return;
    let live = true;
    void import('../../../common/admin/wards.ts').then((m) => live && setUnits(m.currentUnits()));
    return () => {
      live = false;
    };
  }, [method, units]);

  const provinceName = province && units ? units.province(province)?.name : null;
  const text = ward && provinceName && line.trim() ? `${line.trim()}, ${ward.name}, ${provinceName}` : '';
  useEffect(() => {
    if (method === 'desk') props.onChange({ method: 'desk' });
    else if (ward && province && text) props.onChange({ method: 'post', address: { line: line.trim(), provinceCode: province, wardCode: ward.code, text } });
    else props.onChange(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method, ward, province, text]);

  const [candidates, setCandidates] = useState<Ward[] | null>(null);
  const takeCardAddress = async () => {
    if (!props.fromCard || !units) return;
    const { readAddress } = await import('../../../common/admin/address.ts');
    const r = readAddress(props.fromCard);
    const street = r.street.trim();
    if (r.ward) {
      const w = units.ward(r.ward.code) ?? null;
      setProvince(w?.provinceCode ?? null);
      setWard(w);
      setCandidates(null);
    } else if (r.candidates.length > 0) {
      // split, or the same name in several places: the resident says which
      setCandidates(r.candidates.map((c) => units.ward(c.code)).filter((w): w is Ward => w !== undefined));
      setProvince(r.province?.code ?? null);
    } else setProvince(r.province?.code ?? null);
    if (street) setLine(street);
    setTyping('line');
  };

  const matches = useMemo(() => (units && province && !ward ? wardMatches(units.wardsOf(province), wardQuery) : []), [units, province, ward, wardQuery]);

  return (
    <section className="delivery" aria-labelledby="h-delivery" data-testid="delivery">
      <h2 id="h-delivery">{t('deliveryTitle')}</h2>
      <div className="delivery-methods" role="radiogroup" aria-labelledby="h-delivery">
        {(['desk', 'post'] as const).map((m) => (
          <button key={m} type="button" role="radio" aria-checked={method === m} className={`choice ${method === m ? 'selected' : ''}`} data-testid={`delivery-${m}`} onClick={() => setMethod(m)}>
            {t(m === 'desk' ? 'deliveryDesk' : 'deliveryPost')}
          </button>
        ))}
      </div>
      {method === 'post' ? (
        <div className="delivery-post">
          {!units ? <p role="status">{t('deliveryLoading')}</p> : null}
          {units && props.fromCard && !ward && !candidates ? (
            <button type="button" className="btn btn-secondary delivery-from-card" data-testid="delivery-from-card" onClick={() => void takeCardAddress()}>
              {t('deliveryFromCard', { address: props.fromCard })}
            </button>
          ) : null}
          {units && candidates && !ward ? (
            <>
              <p className="delivery-ask">{t('deliverySplit')}</p>
              <ul className="delivery-wards">
                {candidates.map((w) => (
                  <li key={w.code}>
                    <button type="button" className="btn btn-secondary" data-testid={`candidate-${w.code}`} onClick={() => (setProvince(w.provinceCode), setWard(w), setCandidates(null))}>
                      {w.name}, {units.province(w.provinceCode)?.name}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {units && !province && !candidates ? (
            <>
              <p className="delivery-ask">{t('deliveryProvince')}</p>
              <div className="delivery-provinces">
                {units.provinces.map((p) => (
                  <button key={p.code} type="button" className="btn btn-secondary" data-testid={`province-${p.code}`} onClick={() => setProvince(p.code)}>
                    {p.name}
                  </button>
                ))}
              </div>
            </>
          ) : null}
          {units && province ? (
            <>
              <p className="delivery-picked">
                {provinceName}{' '}
                <button type="button" className="btn btn-secondary" data-testid="delivery-change-province" onClick={() => (setProvince(null), setWard(null), setWardQuery(''))}>
                  {t('change')}
                </button>
              </p>
              {ward ? (
                <p className="delivery-picked" data-testid="delivery-ward">
                  {ward.name}{' '}
                  <button type="button" className="btn btn-secondary" data-testid="delivery-change-ward" onClick={() => (setWard(null), setTyping('ward'))}>
                    {t('change')}
                  </button>
                </p>
              ) : (
                <>
                  <label htmlFor="delivery-ward-input" className="delivery-ask">
                    {t('deliveryWard')}
                  </label>
                  <input id="delivery-ward-input" className="text-input" data-testid="delivery-ward-input" value={wardQuery} readOnly onFocus={() => setTyping('ward')} />
                  <ul className="delivery-wards">
                    {matches.map((w) => (
                      <li key={w.code}>
                        <button type="button" className="btn btn-secondary" data-testid={`ward-${w.code}`} onClick={() => (setWard(w), setTyping('line'))}>
                          {w.name}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {ward ? (
                <>
                  <label htmlFor="delivery-line-input" className="delivery-ask">
                    {t('deliveryLine')}
                  </label>
                  <input id="delivery-line-input" className="text-input lv-private" data-testid="delivery-line-input" value={line} readOnly onFocus={() => setTyping('line')} />
                </>
              ) : null}
              {typing === 'ward' && !ward ? <TextKeyboard value={wardQuery} onChange={setWardQuery} maxLength={60} controls="delivery-ward-input" /> : null}
              {typing === 'line' && ward ? <TextKeyboard value={line} onChange={setLine} maxLength={150} controls="delivery-line-input" /> : null}
              {text ? (
                <p className="delivery-summary lv-private" data-testid="delivery-summary">
                  {t('deliverySendTo')} <strong>{text}</strong>
                </p>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
