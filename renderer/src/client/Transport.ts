import type { IpcMethodName, IpcMethods, IpcReply, ServiceEvent } from "../../../electron/shared/ipcContract.js";

/**
 * Whether the transport reaches the service: `connecting` only before the first connection,
 * `disconnected` once a connection failed or closed (the transport keeps trying to get back).
 */
export type ConnectionState = "connecting" | "connected" | "disconnected";

/**
 * How the client reaches the service: Electron IPC today, a WebSocket to `deskpilot
 * serve` in browser mode. A transport moves contract calls and events and never throws
 * for a service error; it answers with the reply envelope.
 */
export interface Transport {
  call<K extends IpcMethodName>(method: K, ...args: IpcMethods[K]["args"]): Promise<IpcReply<IpcMethods[K]["result"]>>;
  subscribe(listener: (event: ServiceEvent) => void): () => void;
  /** Told the connection's state now and on every change; absent where the service cannot go away (Electron's IPC). */
  onConnection?(listener: (state: ConnectionState) => void): () => void;
  /** Tries to connect again at once instead of waiting out the backoff. */
  reconnectNow?(): void;
}
