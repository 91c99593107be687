// A stand-in for the `electron` module, so the compiled main process can run under plain
// Node (no Electron binary here). It records what main asks for, then plays the page: it
// calls main's IPC handlers as our window and as a foreign one, prints one JSON report on
// stdout, and exits.
import { pathToFileURL } from "node:url";

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const handlers = new Map<string, Handler>();
const report: Record<string, unknown> = { channels: [] };

class FakeWebContents {
  mainFrame = { url: "about:blank" };
  isDestroyed = () => false;
  send = () => {};
  on = () => this;
  setWindowOpenHandler = () => {};
}

export const ipcMain = {
  handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
  removeHandler: (channel: string) => void handlers.delete(channel),
};

export class BrowserWindow {
  readonly webContents = new FakeWebContents();
  constructor(options: unknown) {
    report["window"] = options;
  }
  once = () => this;
  on = () => this;
  isMinimized = () => false;
  async loadFile(path: string): Promise<void> {
    report["page"] = path;
    this.webContents.mainFrame.url = pathToFileURL(path).href;
    setTimeout(() => void playThePage(this), 0);
  }
}

async function playThePage(window: BrowserWindow): Promise<void> {
  const ours = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  const stranger = new FakeWebContents();
  const foreign = { sender: stranger, senderFrame: stranger.mainFrame };
  report["channels"] = [...handlers.keys()].sort();
  report["listDisplays"] = await handlers.get("deskpilot:listDisplays")?.(ours);
  report["foreign"] = await handlers.get("deskpilot:listDisplays")?.(foreign);
  report["badAction"] = await handlers.get("deskpilot:act")?.(ours, { action: "fly" }, { dryRun: true });
  finish();
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
};
