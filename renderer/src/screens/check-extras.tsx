/**
 * The check page's places for other parts of the application (issue 13 part 3,
 * issue 16): they render between the answers and the consent, in this order.
 *
 *  - `CheckPapers` — the applications engineer's papers section (a thumbnail of
 *    every page, each with "Sửa" that returns here). Replace the body with your
 *    component (import it from your own file); keep the props.
 *  - `CheckFee` — the payments engineer's fee line (the fee computed from the
 *    answers). Same rule.
 *
 * Both get the service and the answers as they will be sent; `onEdit` opens a
 * step of yours and must come back to the check page (push a route, then `back`).
 */
import type { AnswerValue } from '../../../common/contract/answers.ts';
import type { Service } from '../../../kiosk-config/catalogue.schema.ts';

export interface CheckExtraProps {
  service: Service;
  answers: Readonly<Record<string, AnswerValue>>;
}

export function CheckPapers(props: CheckExtraProps): React.ReactNode {
  void props;
  return null;
}

export function CheckFee(props: CheckExtraProps): React.ReactNode {
  void props;
  return null;
}
