/**
 * The logged-in console: header, banners, then the ringing calls, the call, or idle + history. State lives in Controller (controller.ts).
 * Layer: browser (React).
 */
// The components' styles join the page in this order (the header's, the console's, then the panels'): keep it.
import { Header } from '../Header/Header.tsx';
import './Console.css';
import { Idle } from '../Idle/Idle.tsx';
import { Rings } from '../Rings/Rings.tsx';
import { CallView } from '../CallView/CallView.tsx';
import { History } from '../History/History.tsx';
import { Ended } from '../Ended/Ended.tsx';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { UserView } from '../../../../common/contract/hub-console.ts';
import * as api from '../../api.ts';
import type { CallHistoryEntry } from '../../api.ts';
import { Controller } from '../../controller.ts';
import { AWAY_NO_ANSWER_TEXT, awayNoAnswer } from '../../state.ts';

function useController(onOut: () => void): Controller {
  const [c] = useState(() => new Controller());
  useEffect(() => {
    c.start();
    return () => c.stop();
  }, [c]);
  useEffect(() => c.on('sessionLost', onOut), [c, onOut]);
  return c;
}

export function Console({ user, onOut }: { user: UserView; onOut: () => void }) {
  const c = useController(onOut);
  const state = useSyncExternalStore(c.subscribe, c.getState);
  // Media state changes without a reducer change: re-render on every emit.
  const [, force] = useState(0);
  useEffect(() => c.subscribe(() => force((n) => n + 1)), [c]);
  const [history, setHistory] = useState<CallHistoryEntry[] | null>(null);
  const loadHistory = useCallback(() => {
    api
      .myCalls()
      .then((r) => setHistory(r.calls))
      .catch(() => setHistory((h) => h ?? []));
  }, []);
  useEffect(() => {
    loadHistory();
    return c.on('callEnded', () => setTimeout(loadHistory, 300));
  }, [c, loadHistory]);

  const logout = async () => {
    c.goBusy();
    await new Promise((r) => setTimeout(r, 150));
    c.stop();
    await api.logout().catch(() => undefined);
    onOut();
  };

  const name = state.user?.displayName ?? user.displayName;
  return (
    <div className="app" data-testid="console" data-link={state.link} data-status={state.status} data-ringing={state.ringing.length > 0 && !state.call ? 'true' : 'false'}>
      <Header name={name} state={state} onSet={(s) => c.setStatus(s)} onLogout={() => void logout()} />
      {state.link === 'replaced' && (
        <div className="banner warn" data-testid="replaced">
          Bàn hỗ trợ đang được mở ở thiết bị hoặc thẻ khác.{' '}
          <button className="primary" onClick={() => c.reconnect()}>
            Dùng ở đây
          </button>
        </div>
      )}
      {awayNoAnswer(state) && !state.call && (
        <div className="banner away" data-testid="away-banner" role="alert">
          {AWAY_NO_ANSWER_TEXT}
        </div>
      )}
      {state.notice && (
        <div className={`banner ${state.notice.kind === 'error' ? 'warn' : 'info'}`} data-testid="notice" role="status">
          {state.notice.text}
          <button className="ghost small" onClick={() => c.dismissNotice()} aria-label="Đóng thông báo">
            ✕
          </button>
        </div>
      )}
      <main className="main">
        {!state.call && state.ringing.length > 0 && <Rings rings={state.ringing} accepting={state.accepting} soundBlocked={c.soundBlocked} c={c} />}
        {state.call ? (
          <CallView call={state.call} c={c} />
        ) : (
          <>
            {state.ended && <Ended ended={state.ended} onClose={() => c.dismissEnded()} />}
            {state.ringing.length === 0 && <Idle state={state} onSet={(s) => c.setStatus(s)} />}
            <History calls={history} onReload={loadHistory} />
          </>
        )}
      </main>
    </div>
  );
}
