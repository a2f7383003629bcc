import { describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../../common/contract/bridge.ts';
import { Envelope } from '../../../common/contract/kiosk-api.ts';
import { wireIpc } from '../../../electron/shell/ipc.ts';
import { FakeFrame, FakeIpcMain, FakeServices, FakeWebContents } from './fake-electron.ts';

function setup() {
  const ipcMain = new FakeIpcMain();
  const services = new FakeServices();
  const contents = new FakeWebContents();
  const reactions: string[] = [];
  const unwire = wireIpc({
    ipcMain: ipcMain as never,
    services,
    getContents: () => contents as never,
    onServiceEvent: (e) => reactions.push(e),
  });
  const call = (from: { sender: unknown; senderFrame: unknown }, ...args: unknown[]) =>
    ipcMain.invoke(IPC_CALL_CHANNEL, from, ...args) as Promise<Envelope>;
  const trusted = () => ({ sender: contents, senderFrame: contents.mainFrame });
  return { ipcMain, services, contents, reactions, unwire, call, trusted };
}

const expectCode = (env: Envelope, code: string) => {
  expect(Envelope.safeParse(env).success).toBe(true);
  expect(env.ok).toBe(false);
  if (!env.ok) expect(env.error.code).toBe(code);
};

describe('IPC main side', () => {
  it('#17 dispatches a call from the kiosk main frame on app://kiosk/ with carrier electron', async () => {
    const { call, trusted, services } = setup();
    const env = await call(trusted(), 'session.start', { lang: 'vi' });
    expect(env).toEqual({ ok: true, result: { echo: 'session.start' } });
    expect(services.calls).toEqual([{ method: 'session.start', params: { lang: 'vi' }, ctx: { carrier: 'electron' } }]);
  });
  it('#17 refuses a call without a sender frame (E_FORBIDDEN)', async () => {
    const { call, contents, services } = setup();
    expectCode(await call({ sender: contents, senderFrame: null }, 'kiosk.info', {}), 'E_FORBIDDEN');
    expect(services.calls).toEqual([]);
  });
  it('#17 refuses a call from a subframe (E_FORBIDDEN)', async () => {
    const { call, contents, services } = setup();
    const child = new FakeFrame('app://kiosk/frame.html', contents.mainFrame);
    expectCode(await call({ sender: contents, senderFrame: child }, 'kiosk.info', {}), 'E_FORBIDDEN');
    expect(services.calls).toEqual([]);
  });
  it('#17 refuses a call from a frame showing another origin (E_FORBIDDEN)', async () => {
    const { call, contents, services } = setup();
    for (const url of ['https://evil.example/', 'file:///srv/x.html', 'app://kiosk.evil/', 'about:blank']) {
      contents.mainFrame = new FakeFrame(url);
      expectCode(await call({ sender: contents, senderFrame: contents.mainFrame }, 'kiosk.info', {}), 'E_FORBIDDEN');
    }
    expect(services.calls).toEqual([]);
  });
  it('#17 refuses a top-level app://kiosk frame that is not the window\'s main frame (E_FORBIDDEN)', async () => {
    const { call, contents, services } = setup();
    const stranger = new FakeFrame('app://kiosk/');
    expectCode(await call({ sender: contents, senderFrame: stranger }, 'kiosk.info', {}), 'E_FORBIDDEN');
    expect(services.calls).toEqual([]);
  });
  it('#17 accepts the main frame by process and routing id when Electron hands a fresh wrapper', async () => {
    const { call, contents, services } = setup();
    const wrapper = Object.assign(Object.create(FakeFrame.prototype) as FakeFrame, {
      url: 'app://kiosk/',
      parent: null,
      processId: contents.mainFrame.processId,
      routingId: contents.mainFrame.routingId,
    });
    expect((await call({ sender: contents, senderFrame: wrapper }, 'kiosk.info', {})).ok).toBe(true);
    expect(services.calls).toHaveLength(1);
  });
  it('#17 refuses a call from another webContents (E_FORBIDDEN)', async () => {
    const { call, services } = setup();
    const other = new FakeWebContents();
    expectCode(await call({ sender: other, senderFrame: other.mainFrame }, 'kiosk.info', {}), 'E_FORBIDDEN');
    expect(services.calls).toEqual([]);
  });
  it('#17 refuses calls once the window is gone, and when senderFrame throws', async () => {
    const { call, contents, trusted, services } = setup();
    const throwing = { sender: contents };
    Object.defineProperty(throwing, 'senderFrame', { get: () => { throw new Error('Render frame was disposed'); } });
    expectCode(await call(throwing as never, 'kiosk.info', {}), 'E_FORBIDDEN');
    contents.destroyed = true;
    expectCode(await call(trusted(), 'kiosk.info', {}), 'E_FORBIDDEN');
    expect(services.calls).toEqual([]);
  });
  it('refuses wrong or extra arguments before they reach the services (E_INVALID_PARAMS)', async () => {
    const { call, trusted, services } = setup();
    expectCode(await call(trusted(), 42, {}), 'E_INVALID_PARAMS');
    expectCode(await call(trusted(), 'kiosk.info', {}, 'extra'), 'E_INVALID_PARAMS');
    expect(services.calls).toEqual([]);
  });
  it('never throws across IPC: a throwing dispatch becomes E_INTERNAL', async () => {
    const { call, trusted, services } = setup();
    services.dispatchImpl = async () => {
      throw new Error('boom');
    };
    expectCode(await call(trusted(), 'kiosk.info', {}), 'E_INTERNAL');
  });
  it('forwards every service event to the kiosk webContents on the event channel, then lets the shell react', () => {
    const { services, contents, reactions } = setup();
    services.emit('session.warning', { secondsLeft: 30, endsAt: 1 });
    services.emit('session.ended', { reason: 'timeout' });
    expect(contents.sent).toEqual([
      [IPC_EVENT_CHANNEL, 'session.warning', { secondsLeft: 30, endsAt: 1 }],
      [IPC_EVENT_CHANNEL, 'session.ended', { reason: 'timeout' }],
    ]);
    expect(reactions).toEqual(['session.warning', 'session.ended']);
    contents.destroyed = true;
    services.emit('kiosk.changed', {});
    expect(contents.sent).toHaveLength(2);
  });
  it('unwiring removes the handler and the event subscription', () => {
    const { unwire, ipcMain, services } = setup();
    expect(services.listenerCount()).toBe(1);
    unwire();
    expect(ipcMain.handlers.has(IPC_CALL_CHANNEL)).toBe(false);
    expect(services.listenerCount()).toBe(0);
  });
});
