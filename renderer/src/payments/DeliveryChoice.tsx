/**
 * How the resident receives the result (issue 16): at the ward's one-stop desk, or by post to an
 * address in the 2025 units, picked with the address picker (renderer/src/address/: province →
 * ward by forgiving search → street and house number; the whole address shown before submitting).
 * The residence answer of the form is offered first: picked there (codes) it is taken as it is;
 * read from the ID card (old units) it is converted — whole → the new ward, split → the resident
 * chooses — and the resident still sees and can change every part.
 */
import { useEffect, useState } from 'react';
import type { AddressAnswer } from '../../../common/contract/answers.ts';
import type { Delivery } from '../../../common/payments/delivery.ts';
import { AddressPicker } from '../address/AddressPicker.tsx';
import { useKiosk } from '../app/context.ts';

export function DeliveryChoice(props: { value: Delivery | null; onChange: (d: Delivery | null) => void; /** The residence address from the form (picked, or read from the ID card): offered. */ fromCard?: AddressAnswer | null }) {
  const { t } = useKiosk();
  const [method, setMethod] = useState<'desk' | 'post'>(props.value?.method ?? 'desk');
  const [start, setStart] = useState<AddressAnswer | null>(null);
  const [offered, setOffered] = useState(true);
  const [address, setAddress] = useState<AddressAnswer | null>(null);

  useEffect(() => {
    if (method === 'desk') props.onChange({ method: 'desk' });
    else if (address) props.onChange({ method: 'post', address });
    else props.onChange(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method, address]);

  const fromCard = props.fromCard && props.fromCard.text.trim() !== '' ? props.fromCard : null;
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
          {fromCard && offered && !start ? (
            <button type="button" className="btn btn-secondary delivery-from-card" data-testid="delivery-from-card" onClick={() => (setStart(fromCard), setOffered(false))}>
              {t('deliveryFromCard', { address: fromCard.text })}
            </button>
          ) : null}
          <AddressPicker idPrefix="delivery" initial={start} onChange={setAddress} requireLine lineMax={150} provincePrompt="deliveryProvince" summaryLabel="deliverySendTo" />
        </div>
      ) : null}
    </section>
  );
}
