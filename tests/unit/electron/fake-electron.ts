/**
 * EventEmitter-based fakes of the slices of the Electron API the shell uses.
 * The Electron binary cannot run here, so the shell takes its API injected and
 * these fakes record what it did. Never import the 'electron' runtime module in
 * tests (it tries to download the binary): types only.
 */
import { EventEmitter } from 'node:events';
import type { Envelope, EndReason, KioskEvent } from '../../../common/contract/kiosk-api.ts';
import type { CallContext, KioskServicesApi } from '../../../services/types.ts';
import type { BrowserWindowConstructorOptions, Input, ShellElectron } from '../../../electron/shell/types.ts';

/** An Electron-style event: preventDefault() is recorded; details (url, …) ride along. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(props: Record<string, unknown> = {}) {
    Object.assign(this, props);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextRoutingId = 1;

export class FakeFrame {
  readonly processId = 1;
  readonly routingId = nextRoutingId++;
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
  get origin(): string {
    try {
      const u = new URL(this.url);
      return `${u.protocol}//${u.host}`;
    } catch {
      return 'null';
    }
  }
}

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  mainFrame = new FakeFrame('app://kiosk/');
  readonly sent: unknown[][] = [];
  readonly loaded: string[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  forcedCrashes = 0;
  destroyed = false;
  /** When true, forcefullyCrashRenderer emits render-process-gone synchronously (as a crash would). */
  emitGoneOnForcedCrash = true;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.mainFrame = new FakeFrame(url);
    return Promise.resolve();
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  forcefullyCrashRenderer(): void {
    this.forcedCrashes++;
    if (this.emitGoneOnForcedCrash) this.emit('render-process-gone', new FakeEvent(), { reason: 'killed', exitCode: 9 });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Emit a navigation event the way Electron 45 does (details event carrying url); returns whether it was prevented. */
  navigate(kind: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string, isMainFrame = true): boolean {
    const event = new FakeEvent({ url, isMainFrame, isSameDocument: false, frame: this.mainFrame });
    this.emit(kind, event, url, false, isMainFrame);
    return event.defaultPrevented;
  }
  pressKey(input: Partial<Input>): boolean {
    const event = new FakeEvent();
    this.emit('before-input-event', event, { type: 'keyDown', key: '', code: '', control: false, shift: false, alt: false, meta: false, isAutoRepeat: false, isComposing: false, location: 0, modifiers: [], ...input });
    return event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  /** Set by createFakeElectron so a new window announces its webContents like Electron does. */
  static onContentsCreated: ((contents: FakeWebContents) => void) | null = null;

  readonly webContents = new FakeWebContents();
  kiosk: boolean;
  fullscreen: boolean;
  minimized = false;
  shown = true;
  focused = 0;
  menuBarVisible = true;
  destroyed = false;

  constructor(public readonly options: BrowserWindowConstructorOptions) {
    super();
    this.kiosk = options.kiosk === true;
    this.fullscreen = options.fullscreen === true;
    FakeBrowserWindow.created.push(this);
    FakeBrowserWindow.onContentsCreated?.(this.webContents);
  }
  setKiosk(flag: boolean): void {
    this.kiosk = flag;
  }
  setFullScreen(flag: boolean): void {
    this.fullscreen = flag;
  }
  setMenuBarVisibility(flag: boolean): void {
    this.menuBarVisible = flag;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused++;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

type ProtocolHandler = (request: { url: string; method: string }) => Promise<Response> | Response;

export class FakeProtocol {
  privileged: Array<{ scheme: string; privileges?: Record<string, boolean> }> = [];
  readonly handlers = new Map<string, ProtocolHandler>();
  /** Set when registerSchemesAsPrivileged runs (must be before 'ready'). */
  registeredBeforeReady: boolean | null = null;
  constructor(private readonly isReady: () => boolean = () => false) {}
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    this.registeredBeforeReady = !this.isReady();
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    this.handlers.set(scheme, handler);
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: Record<string, unknown>) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean;

export class FakeSession extends EventEmitter {
  readonly protocol = new FakeProtocol(() => true);
  requestHandler: PermissionRequestHandler | null = null;
  checkHandler: PermissionCheckHandler | null = null;
  deviceHandler: ((details: unknown) => boolean) | null = null;
  readonly cleared: string[] = [];

  constructor(public readonly partition: string) {
    super();
  }
  setPermissionRequestHandler(h: PermissionRequestHandler | null): void {
    this.requestHandler = h;
  }
  setPermissionCheckHandler(h: PermissionCheckHandler | null): void {
    this.checkHandler = h;
  }
  setDevicePermissionHandler(h: ((details: unknown) => boolean) | null): void {
    this.deviceHandler = h;
  }
  async clearStorageData(): Promise<void> {
    this.cleared.push('storage');
  }
  async clearCache(): Promise<void> {
    this.cleared.push('cache');
  }
  async clearAuthCache(): Promise<void> {
    this.cleared.push('auth');
  }
  async clearHostResolverCache(): Promise<void> {
    this.cleared.push('hostResolver');
  }

  /** Ask the request handler, the way Chromium would. */
  request(permission: string, details: Record<string, unknown>): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.requestHandler) return resolve(true); // Electron's default: grant
      this.requestHandler(null, permission, resolve, details);
    });
  }
  check(permission: string, origin: string, details: Record<string, unknown> = {}): boolean {
    if (!this.checkHandler) return true;
    return this.checkHandler(null, permission, origin, details);
  }
}

export class FakeApp extends EventEmitter {
  lockAvailable = true;
  ready = false;
  isPackaged = false;
  quitCalls = 0;
  relaunchCalls = 0;
  exitCodes: number[] = [];
  private readyResolvers: Array<() => void> = [];

  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyResolvers.push(resolve));
  }
  /** Fire 'ready' (startShell awaits whenReady). */
  makeReady(): void {
    this.ready = true;
    for (const r of this.readyResolvers.splice(0)) r();
    this.emit('ready');
  }
  getPath(name: string): string {
    return `/fake/${name}`;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  quit(): void {
    this.quitCalls++;
  }
  relaunch(): void {
    this.relaunchCalls++;
  }
  exit(code = 0): void {
    this.exitCodes.push(code);
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Simulate an invoke from a renderer frame. */
  async invoke(channel: string, from: { sender: unknown; senderFrame: unknown }, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(from, ...args);
  }
}

export interface FakeElectron {
  electron: ShellElectron;
  app: FakeApp;
  protocol: FakeProtocol;
  sessions: Map<string, FakeSession>;
  session(partition: string): FakeSession;
  ipcMain: FakeIpcMain;
  menu: { current: unknown; calls: number };
  powerSaveBlockers: string[];
  clipboardClears: number;
}

export function createFakeElectron(): FakeElectron {
  const app = new FakeApp();
  const protocol = new FakeProtocol(() => app.ready);
  const sessions = new Map<string, FakeSession>();
  const sessionFor = (partition: string) => {
    let s = sessions.get(partition);
    if (!s) sessions.set(partition, (s = new FakeSession(partition)));
    return s;
  };
  const ipcMain = new FakeIpcMain();
  const fake: FakeElectron = {
    app,
    protocol,
    sessions,
    session: sessionFor,
    ipcMain,
    menu: { current: 'default-menu', calls: 0 },
    powerSaveBlockers: [],
    clipboardClears: 0,
    electron: undefined as unknown as ShellElectron,
  };
  FakeBrowserWindow.created = [];
  FakeBrowserWindow.onContentsCreated = (contents) => app.emit('web-contents-created', new FakeEvent(), contents);
  fake.electron = {
    app,
    protocol,
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      setApplicationMenu(menu: unknown) {
        fake.menu.current = menu;
        fake.menu.calls++;
      },
    },
    session: { fromPartition: sessionFor },
    ipcMain,
    powerSaveBlocker: {
      start(type: string) {
        fake.powerSaveBlockers.push(type);
        return fake.powerSaveBlockers.length;
      },
    },
    clipboard: {
      clear() {
        fake.clipboardClears++;
      },
    },
  } as unknown as ShellElectron;
  return fake;
}

/** A small fake of the kiosk services: records calls, lets tests emit events. */
export class FakeServices implements KioskServicesApi {
  readonly calls: Array<{ method: string; params: unknown; ctx: CallContext }> = [];
  readonly ended: EndReason[] = [];
  closed = 0;
  dispatchImpl: (method: string, params: unknown) => Promise<Envelope> = async (method) => ({ ok: true, result: { echo: method } });
  private readonly listeners = new Set<(event: KioskEvent, payload: never) => void>();

  dispatch(method: string, params: unknown, ctx: CallContext): Promise<Envelope> {
    this.calls.push({ method, params, ctx });
    return this.dispatchImpl(method, params);
  }
  onEvent(listener: (event: KioskEvent, payload: never) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: KioskEvent, payload: unknown): void {
    for (const l of this.listeners) l(event, payload as never);
  }
  listenerCount(): number {
    return this.listeners.size;
  }
  async endSession(reason: EndReason): Promise<void> {
    this.ended.push(reason);
  }
  async close(): Promise<void> {
    this.closed++;
  }
}

/** Let pending promise callbacks (and zero-delay work) run. */
export async function flush(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
}
