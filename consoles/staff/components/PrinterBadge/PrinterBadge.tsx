/**
 * A kiosk's printer state in words (paper out, near end, …).
 * Layer: browser (React).
 */
import type { KioskHealth } from '../../../../common/contract/hub-kiosk.ts';
import { printerVi } from '../../logic.ts';

export function PrinterBadge({ h }: { h: KioskHealth | null }) {
  const bad = h?.printer.state === 'paper-out' || h?.printer.state === 'error' || h?.printer.state === 'offline';
  const warn = !bad && h?.printer.paperNearEnd;
  return <span className={`badge ${bad ? 'bad' : warn ? 'warn' : h ? 'ok' : ''}`}>{printerVi(h)}</span>;
}
