import { describe, expect, it } from 'vitest';
import { applyPermissionPolicy, createMediaGate } from '../../../electron/shell/permissions.ts';
import { FakeEvent, FakeSession } from './fake-electron.ts';

function setup() {
  const ses = new FakeSession('kiosk');
  const gate = createMediaGate();
  applyPermissionPolicy(ses as never, gate);
  return { ses, gate };
}
const fromKiosk = (mediaTypes: string[]) => ({ requestingUrl: 'app://kiosk/', isMainFrame: true, mediaTypes, securityOrigin: 'app://kiosk/' });

describe('permission handlers', () => {
  it('#5 installs request, check and device handlers (without them Electron grants everything)', () => {
    const { ses } = setup();
    expect(ses.requestHandler).toBeTypeOf('function');
    expect(ses.checkHandler).toBeTypeOf('function');
    expect(ses.deviceHandler).toBeTypeOf('function');
  });
  it('#5 denies camera and microphone while no feature needs them', async () => {
    const { ses } = setup();
    expect(await ses.request('media', fromKiosk(['video']))).toBe(false);
    expect(await ses.request('media', fromKiosk(['audio']))).toBe(false);
    expect(ses.check('media', 'app://kiosk', { mediaType: 'video' })).toBe(false);
  });
  it('#5 grants media to app://kiosk only while needed, and only the needed kinds', async () => {
    const { ses, gate } = setup();
    gate.need('camera', 'id-camera');
    expect(await ses.request('media', fromKiosk(['video']))).toBe(true);
    expect(await ses.request('media', fromKiosk(['audio']))).toBe(false);
    expect(await ses.request('media', fromKiosk(['video', 'audio']))).toBe(false);
    expect(ses.check('media', 'app://kiosk', { mediaType: 'video', securityOrigin: 'app://kiosk' })).toBe(true);
    expect(ses.check('media', 'app://kiosk', { mediaType: 'audio' })).toBe(false);
    gate.need('microphone', 'help-call');
    gate.need('camera', 'help-call');
    expect(await ses.request('media', fromKiosk(['video', 'audio']))).toBe(true);
    gate.release('help-call');
    expect(await ses.request('media', fromKiosk(['audio']))).toBe(false);
    expect(await ses.request('media', fromKiosk(['video']))).toBe(true); // the ID camera still needs it
    gate.release('id-camera');
    expect(await ses.request('media', fromKiosk(['video']))).toBe(false);
  });
  it('#5 never grants media to another origin, even while needed', async () => {
    const { ses, gate } = setup();
    gate.need('camera', 'id-camera');
    gate.need('microphone', 'help-call');
    for (const url of ['https://example.com/', 'app://kiosk.evil/', 'file:///index.html', 'http://127.0.0.1:5173/']) {
      expect(await ses.request('media', { requestingUrl: url, mediaTypes: ['video'] }), url).toBe(false);
      expect(ses.check('media', new URL(url).origin, { mediaType: 'video' }), url).toBe(false);
    }
    // A kiosk page asking on behalf of a foreign security origin (an iframe) is refused too.
    expect(await ses.request('media', { requestingUrl: 'app://kiosk/', mediaTypes: ['video'], securityOrigin: 'https://evil.example' })).toBe(false);
    expect(await ses.request('media', fromKiosk([]))).toBe(false);
  });
  it.each(['geolocation', 'notifications', 'midi', 'midiSysex', 'clipboard-read', 'display-capture', 'openExternal', 'pointerLock', 'fullscreen', 'hid', 'serial', 'usb', 'fileSystem', 'idle-detection', 'unknown'])(
    '#5 denies %s, even to app://kiosk while media is needed',
    async (permission) => {
      const { ses, gate } = setup();
      gate.need('camera', 'x');
      gate.need('microphone', 'x');
      expect(await ses.request(permission, { requestingUrl: 'app://kiosk/', isMainFrame: true })).toBe(false);
      expect(ses.check(permission, 'app://kiosk', { requestingUrl: 'app://kiosk/' })).toBe(false);
    },
  );
  it('#5 denies devices (HID, serial, USB) to the page and cancels every device chooser', () => {
    const { ses } = setup();
    expect(ses.deviceHandler!({ deviceType: 'serial', origin: 'app://kiosk' })).toBe(false);
    expect(ses.deviceHandler!({ deviceType: 'usb', origin: 'app://kiosk' })).toBe(false);
    const picked: unknown[] = [];
    for (const [name, args] of [
      ['select-hid-device', [{ deviceList: [{ deviceId: 'd1' }] }, (id: unknown) => picked.push(id)]],
      ['select-serial-port', [[{ portId: 'p1' }], null, (id: unknown) => picked.push(id)]],
      ['select-usb-device', [{ deviceList: [{ deviceId: 'u1' }] }, (id?: unknown) => picked.push(id)]],
    ] as const) {
      const event = new FakeEvent();
      ses.emit(name, event, ...args);
      expect(event.defaultPrevented, name).toBe(true);
    }
    expect(picked).toEqual([null, '', undefined]);
  });
  it('releaseAll drops every need', async () => {
    const { ses, gate } = setup();
    gate.need('camera', 'a');
    gate.need('microphone', 'b');
    gate.releaseAll();
    expect(await ses.request('media', fromKiosk(['video']))).toBe(false);
    expect(ses.check('media', 'app://kiosk', {})).toBe(false);
  });
});
