/**
 * The help slice: "Cần hỗ trợ" rings the volunteers through the hub (or is recorded for staff
 * when the hub cannot be reached), the help channel's messages go to the hub, TURN servers for
 * the call, and the channel's state after a reload. When the resident leaves, their call is hung
 * up and their request withdrawn. Layer: node.
 */
import { randomUUID } from 'node:crypto';
import { kioskError } from '../../common/contract/kiosk-api.ts';
import { NoSessionError } from '../session.ts';
import type { KioskCore, Slice } from './slice.ts';

type HelpMethods = 'help.request' | 'help.send' | 'help.iceServers' | 'help.state';

export function helpSlice(core: KioskCore): Slice<HelpMethods> {
  const { sessions, store, log } = core;
  return {
    handlers: {
      'help.request': async ({ screen }) => {
        store.increment('help:requested');
        const hub = core.hub();
        if (hub && hub.connection === 'connected' && sessions.active) {
          const answer = hub.waitFor((m): m is Extract<typeof m, { type: 'help.queued' }> => m.type === 'help.queued', 3000);
          hub.send({ type: 'help.request', lang: sessions.state().lang, screen: screen.replace(/[^A-Za-z0-9._:/-]/g, '-').slice(0, 64) || 'unknown' });
          const queued = await answer;
          if (queued) return { requestId: queued.request.requestId, status: 'ringing' as const, request: queued.request };
        }
        const id = randomUUID();
        store.addHelpRequest(id, screen, core.now().toISOString());
        return { requestId: id, status: 'recorded' as const, request: null };
      },
      'help.send': ({ message }) => {
        if (!sessions.active) throw new NoSessionError();
        const hub = core.hub();
        if (!hub) throw kioskError('E_UNAVAILABLE');
        return { sent: hub.send(message) };
      },
      'help.iceServers': async () => {
        if (!sessions.active) throw new NoSessionError();
        const hub = core.hub();
        if (!hub) return { iceServers: [] };
        try {
          return { iceServers: await hub.iceServers() };
        } catch (e) {
          // Without TURN the call still works on the same network.
          log.warn('help.turn_unavailable', { error: e instanceof Error ? e.message : 'error' });
          return { iceServers: [] };
        }
      },
      'help.state': () => {
        const hub = core.hub();
        return { hub: hub ? hub.connection : ('none' as const), request: sessions.active ? (hub?.request ?? null) : null };
      },
    },
    /** The resident left: hang up and withdraw their help request. */
    sessionEnded() {
      const hub = core.hub();
      const r = hub?.request;
      if (!hub || !r) return;
      if (r.call) hub.send({ type: 'call.end', callId: r.call.callId });
      else if (r.state === 'waiting' || r.state === 'ringing' || r.state === 'unanswered') hub.send({ type: 'help.cancel', requestId: r.requestId });
    },
  };
}
