/**
 * Closing a party's sockets wherever they are (issue 18). A logout, a disabled account, a password
 * reset or change, or a kiosk's replaced device secret is handled by whichever instance the load balancer gave
 * the HTTP request — but the console or kiosk socket it must close may sit on another instance.
 * The instance closes its own sockets at once and says so on the bus (`hub.close`); every other
 * instance closes the matching sockets it holds. The messages carry ids and a session's token
 * HASH (as stored in `sessions`), never a token; they are checked with zod on arrival.
 * Layer: hub (node).
 */
import { z } from 'zod';
import type { ClusterBus } from '../cluster/index.ts';

export const CLOSE_TOPIC = 'hub.close';

const Reason = z.string().min(1).max(120);
const CloseMsg = z.discriminatedUnion('k', [
  z.object({ k: z.literal('session'), tokenHash: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  z.object({ k: z.literal('user'), userId: z.string().min(1).max(120), reason: Reason, except: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict(),
  z.object({ k: z.literal('kiosk'), kioskId: z.string().min(1).max(120), code: z.number().int().min(4000).max(4999), reason: Reason }).strict(),
]);
type CloseMsg = z.infer<typeof CloseMsg>;

/** What closes sockets on this instance (the gateway). */
export interface LocalSockets {
  endSession(tokenHash: string): void;
  closeUser(userId: string, reason: string, except?: string): void;
  closeKiosk(kioskId: string, code: number, reason: string): void;
}

function logEvent(event: string, fields: Record<string, string | number> = {}): void {
  process.stderr.write(`${JSON.stringify({ event, ...fields })}\n`);
}

export class SocketCloser implements LocalSockets {
  private readonly off: () => void;

  constructor(
    private readonly bus: ClusterBus,
    private readonly local: LocalSockets,
  ) {
    this.off = bus.subscribe(CLOSE_TOPIC, (raw, from) => {
      if (from === bus.instanceId) return; // done already, synchronously
      const m = CloseMsg.safeParse(raw);
      if (!m.success) return logEvent('hub.close.bad_bus_message');
      this.apply(m.data);
    });
  }

  private apply(m: CloseMsg): void {
    if (m.k === 'session') this.local.endSession(m.tokenHash);
    else if (m.k === 'user') this.local.closeUser(m.userId, m.reason, m.except);
    else this.local.closeKiosk(m.kioskId, m.code, m.reason);
  }

  private everywhere(m: CloseMsg): void {
    this.apply(m);
    this.bus.publish(CLOSE_TOPIC, m).catch((e) => logEvent('hub.close.publish_failed', { kind: m.k, error: (e as Error)?.name ?? 'Error' }));
  }

  endSession(tokenHash: string): void {
    this.everywhere({ k: 'session', tokenHash });
  }

  closeUser(userId: string, reason: string, except?: string): void {
    this.everywhere({ k: 'user', userId, reason, ...(except ? { except } : {}) });
  }

  closeKiosk(kioskId: string, code: number, reason: string): void {
    this.everywhere({ k: 'kiosk', kioskId, code, reason });
  }

  close(): void {
    this.off();
  }
}
