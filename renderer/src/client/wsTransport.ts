import type { IpcMethodName, IpcMethods, IpcReply, ServiceEvent } from "../../../electron/shared/ipcContract.js";
import type { Transport } from "./Transport.js";

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

/**
 * The transport of browser mode: one WebSocket to `deskpilot serve` at /ws on the page's
 * own host. The server's cookie (set when the printed URL was opened) authenticates it.
 */
export function wsTransport(url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`): Transport {
  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", () => reject(new Error("the connection to deskpilot serve failed (restart it and open the URL it prints)")), { once: true });
  });
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: ServiceEvent) => void>();
  let next = 1;

  socket.addEventListener("message", (message) => {
    const data = JSON.parse(String(message.data), revive) as { id?: number | null; reply?: IpcReply<unknown>; event?: ServiceEvent };
    if (data.event) for (const l of listeners) l(data.event);
    else if (typeof data.id === "number" && data.reply) {
      pending.get(data.id)?.(data.reply);
      pending.delete(data.id);
    }
  });
  socket.addEventListener("close", () => {
    for (const settle of pending.values()) settle({ ok: false, error: { code: "DISCONNECTED", message: "DeskPilot's server closed the connection; restart `deskpilot serve` and reload." } });
    pending.clear();
  });

  return {
    async call<K extends IpcMethodName>(method: K, ...args: IpcMethods[K]["args"]): Promise<IpcReply<IpcMethods[K]["result"]>> {
      await opened;
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
  };
}
