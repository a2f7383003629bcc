/**
 * Forwarding applications to the national public-services portal (Cổng Dịch vụ
 * công quốc gia) goes through this interface. The hub's inbox is always the
 * record; an adapter is told about each new application after it is stored
 * (so a slow or broken portal never blocks or loses a kiosk's delivery) and may
 * report status changes back.
 *
 * Contract for an implementation:
 *  - `forward(app)` is called once per stored application, after the kiosk's
 *    delivery is acknowledged. It may be called again for the same `app.id`
 *    after a hub restart (at-least-once): make it idempotent on `app.id`
 *    (the portal's own dossier id, or a lookup by `app.code`).
 *  - Throwing means "try later": the hub logs the failure (code only) and the
 *    application stays in the inbox with its status; staff see it as usual.
 *  - `pollStatus(app)` (optional) returns the portal's status when it changed,
 *    mapped to ApplicationStatus; the hub records it like a staff change.
 *  - Never log or audit `answers`: they are personal data.
 *
 * The default adapter is the inbox itself: staff process applications in the
 * console and set the status by hand.
 * Layer: hub (node).
 */
import type { Answers } from '../../common/contract/answers.ts';
import type { ApplicationStatus } from '../../common/contract/hub-kiosk.ts';

export interface ForwardedApplication {
  id: string;
  code: string;
  ward: string;
  kioskId: string;
  serviceCode: string;
  submittedAt: number;
  answers: Answers;
}

export interface PortalAdapter {
  /** Shown in the console and the audit log. */
  readonly name: string;
  forward(app: ForwardedApplication): Promise<{ externalId: string | null }>;
  pollStatus?(app: { id: string; code: string; externalId: string | null }): Promise<{ status: ApplicationStatus; note: string | null } | null>;
}

/** The default: keep the application in the ward's inbox; nothing leaves the hub. */
export class InboxAdapter implements PortalAdapter {
  readonly name = 'inbox';
  async forward(): Promise<{ externalId: string | null }> {
    return { externalId: null };
  }
}
