/**
 * The help channel as the resident's screen sees it: a pure reducer over the
 * hub's messages (passed through the kiosk services as `help.event`).
 * Layer: renderer (pure; unit-tested).
 */
import type { HelpInbound } from '../../../common/contract/kiosk-api.ts';
import type { KioskRequestView } from '../../../common/contract/hub-kiosk.ts';

export interface ChatLine {
  from: 'kiosk' | 'volunteer';
  text: string;
  at: number;
}

export interface HelpState {
  phase: 'idle' | 'ringing' | 'unanswered' | 'in-call' | 'callback-recorded' | 'ended';
  requestId: string | null;
  ringing: number;
  callId: string | null;
  volunteer: string | null;
  options: KioskRequestView['options'];
  chat: ChatLine[];
  controlGranted: boolean;
  peerOnline: boolean;
  pointer: { x: number; y: number; selector: string | null; at: number } | null;
}

export const IDLE: HelpState = { phase: 'idle', requestId: null, ringing: 0, callId: null, volunteer: null, options: null, chat: [], controlGranted: false, peerOnline: false, pointer: null };

/** The hub's view of our request (from help.request's answer or a snapshot). */
export function fromView(view: KioskRequestView | null, prev: HelpState = IDLE): HelpState {
  if (!view) return prev.phase === 'in-call' || prev.phase === 'ringing' || prev.phase === 'unanswered' ? { ...IDLE, phase: 'ended' } : prev;
  const base = { ...prev, requestId: view.requestId, ringing: view.ringing, options: view.options };
  if (view.call) return { ...base, phase: 'in-call', callId: view.call.callId, volunteer: view.call.volunteer.displayName, controlGranted: view.call.controlGranted, peerOnline: view.call.peerOnline };
  if (view.state === 'unanswered') return { ...base, phase: 'unanswered' };
  if (view.state === 'waiting' || view.state === 'ringing') return { ...base, phase: 'ringing' };
  return { ...IDLE, phase: 'ended' };
}

/**
 * Adds a chat line in time order, once: after a reconnect through another hub instance the hub
 * sends the call's recent lines again (some already shown, some missed while away).
 */
function withLine(chat: ChatLine[], line: ChatLine): ChatLine[] {
  if (chat.some((l) => l.at === line.at && l.from === line.from && l.text === line.text)) return chat;
  let i = chat.length;
  while (i > 0 && chat[i - 1]!.at > line.at) i--;
  return [...chat.slice(0, i), line, ...chat.slice(i)].slice(-50);
}

export function reduce(s: HelpState, m: HelpInbound, now = Date.now()): HelpState {
  switch (m.type) {
    case 'snapshot':
      return fromView(m.request, s);
    case 'help.queued':
      return fromView(m.request, s);
    case 'help.accepted':
      if (m.requestId !== s.requestId && s.requestId !== null) return s;
      return { ...s, phase: 'in-call', requestId: m.requestId, callId: m.call.callId, volunteer: m.call.volunteer.displayName, controlGranted: m.call.controlGranted, peerOnline: m.call.peerOnline, options: null };
    case 'help.unanswered':
      return m.requestId === s.requestId ? { ...s, phase: 'unanswered', options: m.options } : s;
    case 'help.callback.recorded':
      return m.requestId === s.requestId ? { ...IDLE, phase: 'callback-recorded' } : s;
    case 'help.cancelled':
      return m.requestId === s.requestId ? IDLE : s;
    case 'call.ended':
      return m.callId === s.callId ? { ...IDLE, phase: 'ended' } : s;
    case 'chat':
      return m.callId === s.callId ? { ...s, chat: withLine(s.chat, { from: m.from, text: m.text, at: m.at }) } : s;
    case 'peer':
      return m.callId === s.callId ? { ...s, peerOnline: m.online } : s;
    case 'control.state':
      return m.callId === s.callId ? { ...s, controlGranted: m.granted } : s;
    case 'pointer':
      return m.callId === s.callId ? { ...s, pointer: { x: m.x, y: m.y, selector: m.selector, at: now } } : s;
    default:
      return s;
  }
}
