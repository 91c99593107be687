import type { IpcMethodName, IpcMethods, IpcReply, ServiceEvent } from "../../../electron/shared/ipcContract.js";

/**
 * How the client reaches the service: Electron IPC today, a WebSocket to `deskpilot
 * serve` in browser mode. A transport moves contract calls and events and never throws
 * for a service error; it answers with the reply envelope.
 */
export interface Transport {
  call<K extends IpcMethodName>(method: K, ...args: IpcMethods[K]["args"]): Promise<IpcReply<IpcMethods[K]["result"]>>;
  subscribe(listener: (event: ServiceEvent) => void): () => void;
}
