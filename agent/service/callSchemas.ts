import { z } from "zod";
import type { ServiceMethodName } from "./serviceContract.js";

// Display ids are short names ("0", "HDMI-1"); a cap keeps a hostile client from handing
// the service megabytes to echo in an error message.
const displayId = z.string().min(1).max(256);

/**
 * The argument list each service method accepts, checked before the service sees it: a
 * client (renderer, browser tab) is less trusted than the service. An action's own shape is
 * checked by the computer_use schema (parseAction), so here it only has to be a value.
 */
export const callSchemas = {
  listDisplays: z.tuple([]),
  capture: z.tuple([displayId.nullish()]),
  act: z.tuple([z.unknown(), z.object({ dryRun: z.boolean().optional() }).strict().nullish()]),
} satisfies Record<ServiceMethodName, z.ZodType<unknown[]>>;
