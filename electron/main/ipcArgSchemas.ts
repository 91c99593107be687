import { z } from "zod";
import type { IpcMethodName } from "../shared/ipcContract.js";

// Display ids are short names ("0", "HDMI-1"); a cap keeps a hostile renderer from
// handing main megabytes to log in an error message.
const displayId = z.string().min(1).max(256);

/**
 * The argument list each IPC method accepts, validated in main before the service sees
 * it: the renderer is the least trusted process. An action's own shape is checked by the
 * agent's computer_use schema (parseAction), so here it only has to be a plain value.
 */
export const ipcArgSchemas = {
  listDisplays: z.tuple([]),
  capture: z.tuple([displayId.nullish()]),
  act: z.tuple([z.unknown(), z.object({ dryRun: z.boolean().optional() }).strict().nullish()]),
} satisfies Record<IpcMethodName, z.ZodType<unknown[]>>;
