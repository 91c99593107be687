// A stand-in for the `electron` module, so the compiled main process can run under plain
// Node (no Electron binary here). It records what main asks for, then plays the page: it
// calls main's IPC handlers as our window and as a foreign one, optionally starts a run and
// stops it with the emergency hotkey (DESKPILOT_FAKE_RUN=1), switches local-only on and probes a
// remote address before and after (DESKPILOT_FAKE_REMOTE=url), prints one JSON report on
// stdout, and exits.
import { EventEmitter } from "node:events";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const handlers = new Map<string, Handler>();
const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
/** What happened, in order: "panel:hide", "widget:showInactive", "shortcut:register Ctrl+Shift+F9", … */
const timeline: string[] = [];
const report: Record<string, unknown> = { channels: [], timeline, listeners: [] as string[] };
const note = (entry: string): void => void timeline.push(entry);

class FakeWebContents extends EventEmitter {
  mainFrame = { url: "about:blank" };
  sent: unknown[] = [];
  isDestroyed = () => false;
  send = (_channel: string, payload: unknown) => void this.sent.push(payload);
  setWindowOpenHandler = () => {};
}

export const ipcMain = {
  handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
  removeHandler: (channel: string) => void handlers.delete(channel),
  on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => void listeners.set(channel, listener),
  removeListener: (channel: string) => void listeners.delete(channel),
};

let windows = 0;

export class BrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  /** The first window main opens is the panel, the next the widget. */
  readonly role = windows++ === 0 ? "panel" : "widget";
  private visible = false;
  constructor(options: unknown) {
    super();
    report[this.role === "panel" ? "window" : "widgetWindow"] = options;
  }
  isMinimized = () => false;
  isVisible = () => this.visible;
  isDestroyed = () => false;
  show = () => void ((this.visible = true), note(`${this.role}:show`));
  showInactive = () => void ((this.visible = true), note(`${this.role}:showInactive`));
  hide = () => void ((this.visible = false), note(`${this.role}:hide`));
  focus = () => {};
  restore = () => {};
  destroy = () => {};
  setBounds = (bounds: unknown) => void (report[`${this.role}Bounds`] = bounds);
  setContentProtection = (on: boolean) => note(`${this.role}:setContentProtection ${on}`);
  setAlwaysOnTop = (on: boolean, level: string) => note(`${this.role}:setAlwaysOnTop ${on} ${level}`);
  setVisibleOnAllWorkspaces = (on: boolean) => note(`${this.role}:setVisibleOnAllWorkspaces ${on}`);
  async loadFile(path: string): Promise<void> {
    report[this.role === "panel" ? "page" : "widgetPage"] = path;
    this.webContents.mainFrame.url = pathToFileURL(path).href;
    if (this.role === "panel") {
      // The panel paints: main shows it on ready-to-show.
      setTimeout(() => {
        this.emit("ready-to-show");
        this.webContents.emit("did-finish-load");
        void playThePage(this);
      }, 0);
    }
  }
}

/** Emergency hotkeys as registered by main; the test presses them through this map. */
const shortcuts = new Map<string, () => void>();
export const globalShortcut = {
  register: (accelerator: string, callback: () => void) => {
    note(`shortcut:register ${accelerator}`);
    shortcuts.set(accelerator, callback);
    return true;
  },
  unregister: (accelerator: string) => {
    note(`shortcut:unregister ${accelerator}`);
    shortcuts.delete(accelerator);
  },
};

/** A utility process that spawns and then sits, as a host loading a big model would. */
export const utilityProcess = {
  fork: (modulePath: string, _args: string[], options: { serviceName?: string }) => {
    note(`utilityProcess:fork ${modulePath.split("/").slice(-2).join("/")} (${options.serviceName})`);
    const child = new EventEmitter() as EventEmitter & { pid?: number; postMessage(m: unknown): void; kill(): boolean };
    child.pid = 12345;
    child.postMessage = (m) => note(`utilityProcess:message ${(m as { type: string }).type}`);
    child.kill = () => {
      note("utilityProcess:kill");
      setTimeout(() => child.emit("exit", 143), 0);
      return true;
    };
    setTimeout(() => child.emit("spawn"), 0);
    return child;
  },
};

export class Tray {
  constructor(image: { path: string }) {
    report["trayIcon"] = image.path;
  }
  on = () => this;
  setImage = (image: { path: string }) => void (report["trayImage"] = image.path);
  setToolTip = (text: string) => {
    if (report["trayTooltip"] !== text) note(`tray:${text}`);
    report["trayTooltip"] = text;
  };
  setContextMenu = (menu: { label?: string }[]) => void (report["trayMenu"] = menu.map((i) => i.label ?? "-"));
  isDestroyed = () => false;
  destroy = () => {};
}

export const Menu = { buildFromTemplate: (template: unknown[]) => template };

export const nativeImage = {
  createFromPath: (path: string) => ({ path, isEmpty: () => !existsSync(path) }),
};

export const screen = { getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }) };

export const systemPreferences = {
  getMediaAccessStatus: () => "granted",
  isTrustedAccessibilityClient: () => true,
};

export const shell = { openExternal: async () => {} };

const until = async (what: string, ok: () => boolean, ms = 20_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; timeline: ${timeline.join(", ")}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

async function playThePage(window: BrowserWindow): Promise<void> {
  const ours = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  const stranger = new FakeWebContents();
  const foreign = { sender: stranger, senderFrame: stranger.mainFrame };
  report["channels"] = [...handlers.keys()].sort();
  report["listeners"] = [...listeners.keys()].sort();
  report["listDisplays"] = await handlers.get("deskpilot:listDisplays")?.(ours);
  report["foreign"] = await handlers.get("deskpilot:listDisplays")?.(foreign);
  report["badAction"] = await handlers.get("deskpilot:act")?.(ours, { action: "fly" }, { dryRun: true });
  report["panelEvents"] = window.webContents.sent;
  if (process.env["DESKPILOT_FAKE_RUN"] === "1") {
    // A run whose model is still loading in its utility process: DeskPilot gets out of the way,
    // the widget shows, the hotkeys register; the stop hotkey ends it and everything comes back.
    report["startRun"] = await handlers.get("deskpilot:startRun")?.(ours, "open the settings");
    await until("the engine host to get the load request", () => timeline.includes("utilityProcess:message load"));
    await until("the stop hotkey", () => shortcuts.has("Ctrl+Shift+F9"));
    shortcuts.get("Ctrl+Shift+F9")?.();
    await until("the run to end", () => timeline.includes("shortcut:unregister Ctrl+Shift+F9"));
    report["runEvents"] = window.webContents.sent.filter((e) => (e as { type: string }).type === "run-state");
  }
  const remote = process.env["DESKPILOT_FAKE_REMOTE"];
  if (remote) {
    // Local-only switched on from the Settings screen: main's next outbound connection must be refused.
    report["remoteBefore"] = await probe(remote);
    report["localOnlyOn"] = await handlers.get("deskpilot:updateSettings")?.(ours, { localOnly: true });
    report["remoteAfter"] = await probe(remote);
  }
  finish();
}

/** "reached" when main's process got an answer from `url`, else the code its connection failed with. */
async function probe(url: string): Promise<string> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return "reached";
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    return e.cause?.code ?? e.message;
  }
}

function finish(): void {
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}

export const app = {
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  on: () => app,
  once: () => app,
  quit: () => finish(),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    webRequest: { onBeforeRequest: () => {} },
  },
};

export const dialog = {
  showErrorBox: (_title: string, message: string) => void (report["errorBox"] = message),
  showMessageBox: async (...args: unknown[]) => {
    const options = args.at(-1) as { message: string };
    note(`dialog:${options.message}`);
    return { response: 1 };
  },
};
