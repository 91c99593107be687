import type { IpcMain, IpcMainInvokeEvent } from "electron";
import type { CoreService } from "../../agent/service/DeskPilotService.js";
import type { IpcChannel, IpcReply } from "../shared/ipcContract.js";
import { createDispatcher, serviceMethodNames } from "../../agent/service/createDispatcher.js";

/**
 * Binds the service's client methods to `deskpilot:<method>` invoke channels. The sender is
 * checked first; the shared dispatcher then checks the arguments and answers with an
 * `IpcReply`. Returns the function that unbinds them.
 */
export function setupIpc(
  ipc: Pick<IpcMain, "handle" | "removeHandler">,
  service: CoreService,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  log: (message: string, error?: unknown) => void = (m, e) => console.warn(m, ...(e === undefined ? [] : [e])),
): () => void {
  const dispatch = createDispatcher(service, log);
  for (const name of serviceMethodNames) {
    const channel: IpcChannel = `deskpilot:${name}`;
    ipc.handle(channel, async (event, ...raw: unknown[]): Promise<IpcReply<unknown>> => {
      if (!isTrusted(event)) {
        log(`deskpilot: refused ${channel} from an untrusted sender (${event.senderFrame?.url ?? "no frame"})`);
        return { ok: false, error: { code: "UNTRUSTED_SENDER", message: "This window may not call DeskPilot." } };
      }
      return dispatch(name, raw);
    });
  }
  return () => {
    for (const name of serviceMethodNames) ipc.removeHandler(`deskpilot:${name}`);
  };
}
