import type { IpcMethodName, IpcMethods, IpcReply, ServiceEvent } from "../../../electron/shared/ipcContract.js";
import type { ConnectionState, Transport } from "./Transport.js";
import { reconnectDelay, type Backoff } from "./reconnectDelay.js";

type Pending = (reply: IpcReply<unknown>) => void;

/** Bytes travel as {$bytes: base64} (see agent/server/ControlServer.ts); turn them back. */
function revive(_key: string, value: unknown): unknown {
  if (value && typeof value === "object" && typeof (value as { $bytes?: unknown }).$bytes === "string") {
    const bin = atob((value as { $bytes: string }).$bytes);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }
  return value;
}

const RECONNECTS = "the panel reconnects by itself when `deskpilot serve` runs again (if it was restarted on another address, open the URL it printed)";
const notSent = (): IpcReply<never> => ({
  ok: false,
  error: { code: "DISCONNECTED", message: `Not sent: DeskPilot's server cannot be reached (it stopped or is restarting); ${RECONNECTS}.` },
});
const cutOff = (): IpcReply<never> => ({
  ok: false,
  error: {
    code: "DISCONNECTED",
    message: `The connection to DeskPilot's server closed before it answered, so whether this happened is unknown; ${RECONNECTS}.`,
  },
});

/**
 * The transport of browser mode: a WebSocket to `deskpilot serve` at /ws on the page's own
 * host. The server's cookie (set when the printed URL was opened) authenticates it. When the
 * socket closes, calls in flight fail, later calls fail at once instead of waiting on a dead
 * socket, and it reconnects with exponential backoff; the server sends its events to every
 * socket it accepts, so the subscriptions carry over to the new one.
 */
export function wsTransport(url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`, backoff?: Backoff): Transport {
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: ServiceEvent) => void>();
  const watchers = new Set<(state: ConnectionState) => void>();
  // Calls made while the first connection is still being made wait for it (the panel's first loads).
  const waitingForFirst: (() => void)[] = [];
  let state: ConnectionState = "connecting";
  let socket: WebSocket;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let next = 1;

  const become = (to: ConnectionState) => {
    if (to === state) return;
    state = to;
    for (const w of watchers) w(state);
    if (to !== "connecting") waitingForFirst.splice(0).forEach((go) => go());
  };
  const connect = () => {
    timer = undefined;
    const ws = (socket = new WebSocket(url));
    ws.addEventListener("open", () => {
      attempts = 0;
      become("connected");
    });
    ws.addEventListener("message", (message) => {
      const data = JSON.parse(String(message.data), revive) as { id?: number | null; reply?: IpcReply<unknown>; event?: ServiceEvent };
      if (data.event) for (const l of listeners) l(data.event);
      else if (typeof data.id === "number" && data.reply) {
        pending.get(data.id)?.(data.reply);
        pending.delete(data.id);
      }
    });
    // A failed attempt closes too (after its error event), so this is the one place that retries.
    ws.addEventListener("close", () => {
      if (ws !== socket) return;
      for (const settle of pending.values()) settle(cutOff());
      pending.clear();
      become("disconnected");
      timer = setTimeout(connect, reconnectDelay(attempts++, backoff));
    });
  };
  connect();

  return {
    async call<K extends IpcMethodName>(method: K, ...args: IpcMethods[K]["args"]): Promise<IpcReply<IpcMethods[K]["result"]>> {
      if (state === "connecting") await new Promise<void>((go) => waitingForFirst.push(go));
      if (state !== "connected" || socket.readyState !== WebSocket.OPEN) return notSent();
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        socket.send(JSON.stringify({ id, method, args }));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection(watcher) {
      watchers.add(watcher);
      watcher(state);
      return () => watchers.delete(watcher);
    },
    reconnectNow() {
      if (state !== "disconnected" || timer === undefined) return; // connected, or an attempt is under way
      clearTimeout(timer);
      connect();
    },
  };
}
