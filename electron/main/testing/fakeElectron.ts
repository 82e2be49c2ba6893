import { IPC_CALL } from '../../../shared/contract';
/**
 * A thin stand-in for the `electron` module, for unit tests of the main process where the Electron binary cannot be
 * downloaded. It records what the main process asks of Electron (windows, handlers, session hooks) and lets a test
 * fire the events Electron would fire. Only what electron/main uses is here.
 */
type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener) {
    return this.on(event, fn);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((fn) => fn(...args));
  }
}

export class FakeWebContents extends Emitter {
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  sent: unknown[][] = [];
  inserted = '';
  readonly mainFrame = { url: '' };
  setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = fn;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  insertText(text: string) {
    this.inserted += text;
  }
}

export class FakeBrowserWindow extends Emitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  focused = 0;
  restored = 0;
  minimized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
  }
  async loadURL(url: string) {
    this.loaded = url;
    this.webContents.mainFrame.url = url;
  }
  show() {}
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.restored++;
  }
  focus() {
    this.focused++;
  }
}

export function createFakeElectron() {
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((r) => (ready = r));
  const app = Object.assign(new Emitter(), {
    singleInstance: true,
    quitCalls: 0,
    exitCode: null as number | null,
    sandboxEnabled: false,
    requestSingleInstanceLock: () => app.singleInstance,
    quit: () => void app.quitCalls++,
    exit: (code: number) => void (app.exitCode = code),
    enableSandbox: () => void (app.sandboxEnabled = true),
    whenReady: () => whenReady,
    getVersion: () => '0.0.0',
    relaunches: 0,
    relaunch: () => void app.relaunches++,
    userData: '',
    getPath: (name: string) => (name === 'userData' ? app.userData : ''),
  });
  const crashReports: unknown[] = [];
  const handlers = new Map<string, Listener>();
  const sessionHooks = {
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    headersReceived: null as Listener | null,
  };
  const opened: string[] = [];
  const errorBoxes: [string, string][] = [];
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: { handle: (channel: string, fn: Listener) => void handlers.set(channel, fn) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => void (sessionHooks.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => void (sessionHooks.permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: Listener) => void (sessionHooks.headersReceived = fn) },
      },
    },
    shell: { openExternal: async (url: string) => void opened.push(url) },
    dialog: { showErrorBox: (title: string, text: string) => void errorBoxes.push([title, text]) },
    crashReporter: { start: (options: unknown) => void crashReports.push(options) },
  };
  return { module, ready, handlers, sessionHooks, opened, errorBoxes, app, crashReports };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** One fake per test module; the `electron` mock and the test read the same one. */
export const fake: { current: FakeElectron } = { current: createFakeElectron() };

/** electron-log's main-process surface as the app uses it (it needs Electron itself otherwise). */
export const fakeLog = {
  initialize: () => undefined,
  /** What the app asked of electron-log's error handler (its onError is what a crash would call). */
  errorHandler: {
    options: null as null | { showDialog?: boolean; onError?: (e: { error: Error }) => void },
    startCatching(options: { showDialog?: boolean; onError?: (e: { error: Error }) => void }) {
      fakeLog.errorHandler.options = options;
    },
  },
  transports: { file: { maxSize: 0 } },
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A contract call as the bench window's page makes it: through the IPC handler, from the window's own frame. */
export const callFromWindow = (win: FakeBrowserWindow) => (method: string, params?: unknown) =>
  fake.current.handlers.get(IPC_CALL)!(
    { senderFrame: win.webContents.mainFrame, sender: { mainFrame: win.webContents.mainFrame } },
    method,
    params,
  ) as Promise<{ ok: boolean; result?: Record<string, unknown>; error?: { message: string } }>;
