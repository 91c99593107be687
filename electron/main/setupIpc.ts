import type { IpcMain, IpcMainInvokeEvent } from "electron";
import type { CoreService } from "../../agent/service/DeskPilotService.js";
import type { IpcChannel, IpcMethodName, IpcMethods, IpcReply } from "../shared/ipcContract.js";
import { parseAction } from "../../agent/actions/parseAction.js";
import { ipcArgSchemas } from "./ipcArgSchemas.js";
import { toErrorInfo } from "./toErrorInfo.js";

type Handlers = {
  [K in IpcMethodName]: (...args: IpcMethods[K]["args"]) => Promise<IpcMethods[K]["result"]>;
};

/**
 * Binds the service's implemented methods to `deskpilot:<method>` invoke channels. Every
 * call is checked in order: trusted sender, argument schema, then the service; every
 * reply is an `IpcReply`. Returns the function that unbinds them.
 */
export function setupIpc(
  ipc: Pick<IpcMain, "handle" | "removeHandler">,
  service: CoreService,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  log: (message: string, error?: unknown) => void = (m, e) => console.warn(m, ...(e === undefined ? [] : [e])),
): () => void {
  const handlers: Handlers = {
    listDisplays: () => service.listDisplays(),
    capture: (displayId) => service.capture(displayId),
    act: (action, options) => service.act(parseAction(action), { dryRun: options?.dryRun ?? false }),
  };
  const names = Object.keys(handlers) as IpcMethodName[];
  for (const name of names) {
    const channel: IpcChannel = `deskpilot:${name}`;
    ipc.handle(channel, async (event, ...raw: unknown[]): Promise<IpcReply<unknown>> => {
      if (!isTrusted(event)) {
        log(`deskpilot: refused ${channel} from an untrusted sender (${event.senderFrame?.url ?? "no frame"})`);
        return { ok: false, error: { code: "UNTRUSTED_SENDER", message: "This window may not call DeskPilot." } };
      }
      const parsed = ipcArgSchemas[name].safeParse(raw);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("; ");
        return { ok: false, error: { code: "BAD_IPC_ARGUMENTS", message: `Bad arguments for ${name}: ${detail}.` } };
      }
      try {
        // The schema has checked the arguments against this method's contract entry.
        const handler = handlers[name] as (...args: unknown[]) => Promise<unknown>;
        return { ok: true, value: await handler(...withoutNulls(parsed.data)) };
      } catch (error) {
        const info = toErrorInfo(error);
        if (info.code === "INTERNAL") log(`deskpilot: ${channel} failed unexpectedly`, error);
        return { ok: false, error: info };
      }
    });
  }
  return () => {
    for (const name of names) ipc.removeHandler(`deskpilot:${name}`);
  };
}

/** IPC may turn an omitted optional argument into `null`; the service expects `undefined`. */
function withoutNulls(args: readonly unknown[]): unknown[] {
  return args.map((a) => (a === null ? undefined : a));
}
