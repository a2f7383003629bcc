/**
 * The session slice: the kiosk's info and catalogue, the resident's session (start, language,
 * activity, more time, end), the screen name for the staff console, and the rating at the end.
 * Layer: node.
 */
import { kioskError } from '../../common/contract/kiosk-api.ts';
import { NoSessionError } from '../session.ts';
import type { KioskCore, Slice } from './slice.ts';

type SessionMethods =
  | 'kiosk.info'
  | 'catalogue.list'
  | 'session.start'
  | 'session.state'
  | 'session.setLanguage'
  | 'session.activity'
  | 'session.extend'
  | 'session.end'
  | 'ui.screen'
  | 'feedback.submit';

export function sessionSlice(core: KioskCore, enrolment: () => 'no-hub' | 'needed' | 'enrolled'): Slice<SessionMethods> {
  const { sessions, store } = core;
  return {
    handlers: {
      'kiosk.info': () => core.info(),
      'catalogue.list': () => {
        const c = core.catalogue();
        return { version: c.version, categories: c.categories, services: c.services, problems: c.problems };
      },
      'session.start': ({ lang }) => {
        if (core.info().maintenance.active || enrolment() === 'needed') throw kioskError('E_UNAVAILABLE');
        if (!core.config().languages.enabled.includes(lang)) throw kioskError('E_INVALID_PARAMS');
        const state = sessions.start(lang);
        store.increment('sessions:started');
        return state;
      },
      'session.state': () => sessions.state(),
      'session.setLanguage': ({ lang }) => {
        if (!core.config().languages.enabled.includes(lang)) throw kioskError('E_INVALID_PARAMS');
        return sessions.setLanguage(lang);
      },
      'session.activity': () => sessions.activity(),
      'session.extend': () => sessions.extend(),
      'session.end': ({ reason }) => ({ ended: sessions.end(reason) }),
      // the fleet agent takes the name from the call (observe): nothing else to do
      'ui.screen': () => ({ ok: true as const }),
      'feedback.submit': ({ rating, serviceCode }) => {
        if (!sessions.active) throw new NoSessionError();
        store.addFeedback(rating, serviceCode, core.now().toISOString());
        return { saved: true as const };
      },
    },
  };
}
