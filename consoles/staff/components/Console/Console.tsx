/**
 * The logged-in console: the header with its tabs, the live link, and the tab shown (kiosks, alerts, config, inbox, statistics, audit, accounts).
 * Layer: browser (React).
 */
import { useCallback, useEffect, useReducer, useState } from 'react';
import type { HubToConsole, UserView } from '../../../../common/contract/hub-console.ts';
import { api, connectLive } from '../../api.ts';
import { EMPTY, reduce } from '../../logic.ts';
import { AccountsPage } from '../../../accounts/AccountsPage.tsx';
import { Fleet } from '../Fleet/Fleet.tsx';
import { Device } from '../Device/Device.tsx';
import { Alerts } from '../Alerts/Alerts.tsx';
import { Config } from '../Config/Config.tsx';
import { Inbox } from '../Inbox/Inbox.tsx';
import { Stats } from '../Stats/Stats.tsx';
import { Audit } from '../Audit/Audit.tsx';

type Tab = 'fleet' | 'alerts' | 'config' | 'inbox' | 'stats' | 'audit' | 'accounts';

const TABS: [Tab, string][] = [
  ['fleet', 'Máy kiosk'],
  ['alerts', 'Cảnh báo'],
  ['config', 'Cấu hình & danh mục'],
  ['inbox', 'Hồ sơ'],
  ['stats', 'Thống kê'],
  ['audit', 'Nhật ký'],
  ['accounts', 'Tài khoản'],
];

export function Console({ user, onLogout }: { user: UserView; onLogout: () => void }) {
  const ward = user.ward ?? '';
  const [state, dispatch] = useReducer(reduce, EMPTY);
  const [tab, setTab] = useState<Tab>(ward ? 'fleet' : 'accounts'); // an admin without a ward: accounts only
  const [device, setDevice] = useState<string | null>(null);
  const [connected, setConnected] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const openDevice = (id: string) => {
    setNotice(null);
    setDevice(id);
  };

  const reload = useCallback(async () => {
    if (!ward) return;
    const q = `ward=${encodeURIComponent(ward)}`;
    const [k, a, apps] = await Promise.all([api(`/api/fleet/kiosks?${q}`), api(`/api/fleet/alerts?${q}`), api(`/api/fleet/applications?${q}`)]);
    dispatch({ type: 'kiosks.load', kiosks: k.kiosks });
    dispatch({ type: 'alerts.load', alerts: a.alerts });
    dispatch({ type: 'applications.load', applications: apps.applications });
  }, [ward]);

  useEffect(() => {
    const stop = connectLive(
      (m: HubToConsole) => {
        if (m.type === 'snapshot') void reload();
        else if (m.type === 'fleet.kiosks') dispatch({ type: 'fleet.kiosks', kiosks: m.kiosks });
        else if (m.type === 'fleet.alert') dispatch({ type: 'fleet.alert', alert: m.alert });
        else if (m.type === 'fleet.application') dispatch({ type: 'fleet.application', application: m.application });
        else if (m.type === 'fleet.command') dispatch({ type: 'fleet.command', command: m.command });
        else if (m.type === 'fleet.config') dispatch({ type: 'fleet.config' });
        else if (m.type === 'fleet.screenshot') dispatch({ type: 'fleet.screenshot' });
        else if (m.type === 'fleet.logs') dispatch({ type: 'fleet.logs' });
        else if (m.type === 'fleet.kioskRetired') {
          dispatch({ type: 'fleet.kioskRetired', kioskId: m.kioskId, by: m.by });
          void reload(); // its open alerts were resolved at the hub
        }
      },
      setConnected,
    );
    return stop;
  }, [reload]);

  const logout = async () => {
    await api('/api/logout', { body: {} }).catch(() => undefined);
    onLogout();
  };
  const openAlerts = state.alerts.filter((a) => a.state === 'open').length;

  return (
    <>
      <header>
        <h1>Quản lý kiosk — {ward ? `phường ${ward}` : 'quản trị tài khoản'}</h1>
        <nav aria-label="Chức năng">
          {TABS.filter(([t]) => ward || t === 'accounts').map(([t, label]) => (
            <button
              key={t}
              data-testid={`tab-${t}`}
              aria-current={tab === t ? 'page' : undefined}
              onClick={() => {
                setTab(t);
                setDevice(null);
              }}
            >
              {label}
              {t === 'alerts' && openAlerts > 0 ? ` (${openAlerts})` : ''}
            </button>
          ))}
        </nav>
        <span className="who">
          <span className={`live${connected ? ' on' : ''}`} data-testid="live-state">
            {connected ? 'Trực tiếp' : 'Mất kết nối'}
          </span>{' '}
          {user.displayName}{' '}
          <button className="secondary" onClick={logout}>
            Đăng xuất
          </button>
        </span>
      </header>
      <main>
        {tab === 'fleet' && !device && notice && (
          <p className="ok-text" role="status" data-testid="notice">
            {notice}
          </p>
        )}
        {tab === 'fleet' && !device && <Fleet state={state} ward={ward} onOpen={openDevice} />}
        {tab === 'fleet' && device && (
          <Device
            id={device}
            state={state}
            dispatch={dispatch}
            onBack={() => setDevice(null)}
            onRetired={(text) => {
              setNotice(text);
              setDevice(null);
            }}
          />
        )}
        {tab === 'alerts' && <Alerts alerts={state.alerts} />}
        {tab === 'config' && <Config ward={ward} tick={state.configTick} />}
        {tab === 'inbox' && <Inbox applications={state.applications} />}
        {tab === 'stats' && <Stats ward={ward} />}
        {tab === 'audit' && <Audit ward={ward} />}
        {tab === 'accounts' && <AccountsPage user={user} />}
      </main>
    </>
  );
}
