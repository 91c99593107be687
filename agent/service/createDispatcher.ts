import type { CoreService } from "./DeskPilotService.js";
import type { CoreMethods, HandlerArgs, Reply, ServiceMethodName } from "./serviceContract.js";
import { callSchemas } from "./callSchemas.js";
import { toErrorInfo } from "../errors/ErrorInfo.js";
import { parseAction } from "../actions/parseAction.js";
import { isComposedService, sliceHandlers } from "./sliceHandlers.js";

/** Runs one client call against the service and answers with a reply envelope; never throws. */
export type Dispatch = (method: string, args: readonly unknown[]) => Promise<Reply<unknown>>;

type CoreHandlers = { [K in keyof CoreMethods]: (...args: HandlerArgs<K>) => Promise<CoreMethods[K]["result"]> };

/**
 * The one place client calls meet the service, shared by every transport: method name,
 * then argument schema, then the service; errors become `{code, message}`. Only the core
 * methods and the slices the service was built with have handlers.
 */
export function createDispatcher(
  service: CoreService,
  log: (message: string, error?: unknown) => void = (m, e) => console.warn(m, ...(e === undefined ? [] : [e])),
): Dispatch {
  const core: CoreHandlers = {
    listDisplays: () => service.listDisplays(),
    capture: (displayId?) => service.capture(displayId),
    act: (action, options?) => service.act(parseAction(action), { dryRun: options?.dryRun ?? false }),
  };
  const handlers: Record<string, unknown> = { ...core, ...(isComposedService(service) ? sliceHandlers(service) : {}) };
  return async (method, args) => {
    if (!Object.hasOwn(handlers, method) || !Object.hasOwn(callSchemas, method)) {
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

/** The names a transport may expose (a service without some slice answers those with UNKNOWN_METHOD). */
export const serviceMethodNames = Object.keys(callSchemas) as ServiceMethodName[];
