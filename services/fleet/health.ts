/**
 * The heartbeat's health: versions, uptime, device states, disk, the name of
 * the screen — never anything a resident typed or showed. Pure mapping plus a
 * disk probe. Layer: node.
 */
import { statfsSync } from 'node:fs';
import type { KioskHealth, PrinterState, ScannerState } from '../../common/contract/hub-kiosk.ts';

/** The printer driver's words → the hub contract's. */
export function printerState(s: string): PrinterState {
  switch (s) {
    case 'ready':
      return 'ok';
    case 'paper-out':
      return 'paper-out';
    case 'none':
      return 'none';
    case 'offline':
    case 'unreachable':
      return 'offline';
    default:
      return 'error'; // cover-open, error
  }
}

export function scannerState(s: string): ScannerState {
  if (s === 'connected') return 'ok';
  if (s === 'missing') return 'missing';
  if (s === 'none') return 'none';
  return 'error';
}

/** Free space (MiB) where the kiosk keeps its data; 0 when it cannot be read. */
export function diskFreeMb(dir: string): number {
  try {
    const s = statfsSync(dir);
    return Math.max(0, Math.min(1e9, Math.floor((Number(s.bavail) * Number(s.bsize)) / 1048576)));
  } catch {
    return 0;
  }
}

const LABEL = /[^A-Za-z0-9._+-]/g;
/** A version as the hub's VersionLabel accepts it. */
export function versionLabel(v: string): string {
  return v.replace(LABEL, '-').slice(0, 64) || 'unknown';
}

const SCREEN = /[^A-Za-z0-9._:/-]/g;
/** A screen name as the hub's ScreenName accepts it ("form:1.001193"). */
export function screenLabel(s: string): string {
  return s.replace(SCREEN, '-').slice(0, 64) || 'unknown';
}

export function buildHealth(h: {
  appVersion: string;
  configVersion: string | null;
  startedAt: number;
  now: number;
  printer: { state: string; paperNearEnd: boolean };
  scanner: string;
  dataDir: string;
  screen: string;
  crashesLastHour: number;
}): KioskHealth {
  return {
    appVersion: versionLabel(h.appVersion),
    configVersion: h.configVersion === null ? null : versionLabel(h.configVersion),
    uptimeSec: Math.max(0, Math.min(10 * 365 * 86_400, Math.floor((h.now - h.startedAt) / 1000))),
    printer: { state: printerState(h.printer.state), paperNearEnd: h.printer.paperNearEnd },
    scanner: { state: scannerState(h.scanner) },
    diskFreeMb: diskFreeMb(h.dataDir),
    screen: screenLabel(h.screen),
    crashesLastHour: Math.min(1000, h.crashesLastHour),
  };
}
