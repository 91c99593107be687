import type {
  ActOptions,
  ActionOutcome,
  CaptureResult,
  Display,
  IpcMethodName,
  IpcMethods,
  IpcReply,
  ServiceEvent,
} from "../../../electron/shared/ipcContract.js";
import type { ConnectionState, Transport } from "./Transport.js";
import { ClientError } from "./ClientError.js";

/** The control panel's one view of the service, whatever transport carries it. */
export interface DeskPilotClient {
  listDisplays(): Promise<Display[]>;
  capture(displayId?: string): Promise<CaptureResult>;
  /** Runs one computer_use action; the service validates it and throws INVALID_ACTION. */
  act(action: unknown, options?: ActOptions): Promise<ActionOutcome>;
  /** Any contract method by name (runs, history, models, settings, macros, grounding): the screens use this. */
  call<K extends IpcMethodName>(method: K, ...args: IpcMethods[K]["args"]): Promise<IpcMethods[K]["result"]>;
  onEvent(listener: (event: ServiceEvent) => void): () => void;
  /** Told whether the service is reachable, now and on every change (always "connected" over Electron's IPC). */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  /** Skips the wait before the next reconnection attempt. */
  reconnectNow(): void;
}

/** A client over any transport: service errors surface as `ClientError` with their code. */
export function createDeskPilotClient(transport: Transport): DeskPilotClient {
  return {
    listDisplays: async () => unwrap(await reach(transport.call("listDisplays"))),
    capture: async (displayId) => unwrap(await reach(displayId === undefined ? transport.call("capture") : transport.call("capture", displayId))),
    act: async (action, options) => unwrap(await reach(transport.call("act", action, options))),
    call: async (method, ...args) => unwrap(await reach(transport.call(method, ...args))),
    onEvent: (listener) => transport.subscribe(listener),
    onConnection: (listener) => {
      if (transport.onConnection) return transport.onConnection(listener);
      listener("connected");
      return () => {};
    },
    reconnectNow: () => transport.reconnectNow?.(),
  };
}

function unwrap<T>(reply: IpcReply<T>): T {
  if (reply.ok) return reply.value;
  throw new ClientError(reply.error);
}

/** A transport that fails outright (main gone, socket closed) becomes a coded error too. */
async function reach<T>(reply: Promise<IpcReply<T>>): Promise<IpcReply<T>> {
  try {
    return await reply;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ClientError({ code: "TRANSPORT", message: `Could not reach DeskPilot: ${message}` });
  }
}
