import type { IpcMethodName, IpcMethods, IpcReply, PreloadApi } from "../../../electron/shared/ipcContract.js";
import type { Transport } from "./Transport.js";

/** The transport over the preload's `window.deskpilot` API (Electron). */
export function ipcTransport(api: PreloadApi): Transport {
  return {
    call<K extends IpcMethodName>(method: K, ...args: IpcMethods[K]["args"]): Promise<IpcReply<IpcMethods[K]["result"]>> {
      // One typed entry per contract method; TypeScript cannot correlate the union itself.
      const fn = api[method] as (...a: IpcMethods[K]["args"]) => Promise<IpcReply<IpcMethods[K]["result"]>>;
      return fn(...args);
    },
    subscribe: (listener) => api.onEvent(listener),
  };
}
