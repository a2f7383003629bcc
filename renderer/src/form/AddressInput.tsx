/**
 * An address answer (common/contract/answers.ts AddressAnswer), picked in the 2025 units with the
 * address picker (renderer/src/address/): province → ward (forgiving search) → house number and
 * street. `line` is the house/street part, the province and ward codes are set, `text` is the
 * whole address. An answer read from the ID card (text only, old units) is converted and shown
 * beside the card's text for the resident to check, or to choose when the old ward was split.
 * Until the address is complete the answer's `text` is empty, so the question page asks for it.
 * Keep the props: the question page renders `<AddressInput …/>` and nothing else.
 */
import type { AddressAnswer } from '../../../common/contract/answers.ts';
import { AddressPicker } from '../address/AddressPicker.tsx';

export interface AddressInputProps {
  /** The field's id (the question page's label points at it). */
  id: string;
  value: AddressAnswer | undefined;
  onChange: (value: AddressAnswer) => void;
  maxLength: number;
  describedBy: string | undefined;
  invalid: boolean;
}

export function AddressInput(props: AddressInputProps) {
  // An incomplete pick is reported as an empty answer; it is not fed back to the picker as a new start.
  const initial = props.value && props.value.text.trim() !== '' ? props.value : null;
  return (
    <div id={props.id} className={`address-input ${props.invalid ? 'invalid' : ''}`} role="group" aria-labelledby={`${props.id}-label`} aria-describedby={props.describedBy} data-testid="question-input">
      <AddressPicker
        idPrefix="address"
        initial={initial}
        onChange={(a) => props.onChange(a ?? { line: '', text: '' })}
        requireLine={false}
        lineMax={Math.max(20, Math.min(200, props.maxLength - 80))}
        provincePrompt="addrProvince"
        summaryLabel="addrSummary"
      />
    </div>
  );
}
