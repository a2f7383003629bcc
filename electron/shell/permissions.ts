/**
 * Permissions (checklist #5): without a handler Electron grants everything.
 * Here everything is denied except 'media' for the kiosk's own origin, and
 * only while a feature (help call, ID camera) has declared it needs the
 * camera or microphone through the MediaGate. Devices (HID, serial, USB) are
 * the Node services' business, never the page's.
 * Layer: electron-main; the Electron API is injected.
 */
import type { Log, Session } from './types.ts';
import { isAppOrigin, isAppUrl } from './types.ts';

export type MediaKind = 'camera' | 'microphone';

/** Which media a feature currently needs; owners make release idempotent and overlapping needs safe. */
export interface MediaGate {
  need(kind: MediaKind, owner: string): void;
  release(owner: string): void;
  isNeeded(kind: MediaKind): boolean;
  /** Drop every need (session end, crash). */
  releaseAll(): void;
}

export function createMediaGate(): MediaGate {
  const needs = new Map<string, Set<MediaKind>>();
  return {
    need(kind, owner) {
      let set = needs.get(owner);
      if (!set) needs.set(owner, (set = new Set()));
      set.add(kind);
    },
    release(owner) {
      needs.delete(owner);
    },
    isNeeded(kind) {
      for (const set of needs.values()) if (set.has(kind)) return true;
      return false;
    },
    releaseAll() {
      needs.clear();
    },
  };
}

const MEDIA_KIND: Record<string, MediaKind> = { video: 'camera', audio: 'microphone' };

/** A media request is granted when every requested type is currently needed. */
function mediaAllowed(gate: MediaGate, mediaTypes: readonly string[] | undefined): boolean {
  if (!mediaTypes || mediaTypes.length === 0) return false;
  return mediaTypes.every((t) => {
    const kind = MEDIA_KIND[t];
    return kind !== undefined && gate.isNeeded(kind);
  });
}

export interface RequestDetails {
  requestingUrl?: string;
  isMainFrame?: boolean;
  mediaTypes?: string[];
  securityOrigin?: string;
}
export interface CheckDetails {
  requestingUrl?: string;
  isMainFrame?: boolean;
  mediaType?: string;
  securityOrigin?: string;
}

/** The decision behind setPermissionRequestHandler (exported for tests and for logging). */
export function decidePermissionRequest(gate: MediaGate, permission: string, details: RequestDetails): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(details.requestingUrl)) return false;
  if (details.securityOrigin !== undefined && !isAppOrigin(details.securityOrigin)) return false;
  return mediaAllowed(gate, details.mediaTypes);
}

/** The decision behind setPermissionCheckHandler. */
export function decidePermissionCheck(gate: MediaGate, permission: string, requestingOrigin: string, details: CheckDetails): boolean {
  if (permission !== 'media') return false;
  if (!isAppOrigin(requestingOrigin)) return false;
  if (details.securityOrigin !== undefined && !isAppOrigin(details.securityOrigin)) return false;
  const kind = details.mediaType ? MEDIA_KIND[details.mediaType] : undefined;
  if (kind) return gate.isNeeded(kind);
  // A check without a media type (e.g. enumerateDevices): only while something is needed.
  return gate.isNeeded('camera') || gate.isNeeded('microphone');
}

export type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'
>;

export function applyPermissionPolicy(ses: PermissionSession, gate: MediaGate, log: Log = () => {}): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = decidePermissionRequest(gate, permission, details as RequestDetails);
    if (!granted) log(`permission: denied request for ${permission}`);
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    decidePermissionCheck(gate, permission, requestingOrigin, details as CheckDetails),
  );
  ses.setDevicePermissionHandler(() => false);
  // Without a handler Chromium may pick the first device itself: cancel every chooser.
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}
