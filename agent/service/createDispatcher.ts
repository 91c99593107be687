import type { CoreService } from "./DeskPilotService.js";
import type { Reply, ServiceMethodName, ServiceMethods } from "./serviceContract.js";
import { callSchemas } from "./callSchemas.js";
import { toErrorInfo } from "./toErrorInfo.js";
import { parseAction } from "../actions/parseAction.js";

/** Runs one client call against the service and answers with a reply envelope; never throws. */
export type Dispatch = (method: string, args: readonly unknown[]) => Promise<Reply<unknown>>;

type Handlers = { [K in ServiceMethodName]: (...args: ServiceMethods[K]["args"]) => Promise<ServiceMethods[K]["result"]> };

/**
 * The one place client calls meet the service, shared by every transport: method name,
 * then argument schema, then the service; errors become `{code, message}`.
 */
export function createDispatcher(
  service: CoreService,
  log: (message: string, error?: unknown) => void = (m, e) => console.warn(m, ...(e === undefined ? [] : [e])),
): Dispatch {
  const handlers: Handlers = {
    listDisplays: () => service.listDisplays(),
    capture: (displayId) => service.capture(displayId),
    act: (action, options) => service.act(parseAction(action), { dryRun: options?.dryRun ?? false }),
  };
  return async (method, args) => {
    if (!Object.hasOwn(handlers, method)) {
      return { ok: false, error: { code: "UNKNOWN_METHOD", message: `DeskPilot has no method "${String(method).slice(0, 64)}".` } };
    }
    const name = method as ServiceMethodName;
    const parsed = callSchemas[name].safeParse(args);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("; ");
      return { ok: false, error: { code: "BAD_IPC_ARGUMENTS", message: `Bad arguments for ${name}: ${detail}.` } };
    }
    try {
      // The schema has checked the arguments against this method's contract entry.
      const handler = handlers[name] as (...a: unknown[]) => Promise<unknown>;
      return { ok: true, value: await handler(...parsed.data.map((a) => (a === null ? undefined : a))) };
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.code === "INTERNAL") log(`deskpilot: ${name} failed unexpectedly`, error);
      return { ok: false, error: info };
    }
  };
}

/** The names a transport may expose. */
export const serviceMethodNames = Object.keys(callSchemas) as ServiceMethodName[];
