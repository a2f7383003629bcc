/**
 * An address answer (common/contract/answers.ts AddressAnswer): for now one
 * text field typed on the Vietnamese keyboard, kept as both `line` and `text`,
 * with no province or ward code. The payments engineer replaces this file with
 * a province → ward picker on the 2025 administrative units (then `line` is the
 * house/street part, the codes are set, and `text` the whole address).
 * Keep the props: the question page renders `<AddressInput …/>` and nothing else.
 */
import type { AddressAnswer } from '../../../common/contract/answers.ts';
import { TextKeyboard } from '../keyboard/TextKeyboard.tsx';

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
  const text = props.value?.text ?? '';
  const set = (t: string) => props.onChange({ line: t, text: t });
  return (
    <div className="address-input">
      <textarea
        id={props.id}
        className="input input-long input-address"
        data-testid="question-input"
        value={text}
        rows={3}
        maxLength={props.maxLength}
        inputMode="none"
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.describedBy}
        onChange={(e) => set(e.target.value)}
      />
      <TextKeyboard value={text} onChange={set} autoCapitalize={false} maxLength={props.maxLength} controls={props.id} />
    </div>
  );
}
