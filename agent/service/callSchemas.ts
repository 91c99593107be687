import { z } from "zod";
import { macroCallSchemas } from "../macros/macroCallSchemas.js";
import { settingsPatchSchema } from "../settings/settingsPatchSchema.js";

// Display ids are short names ("0", "HDMI-1"); a cap keeps a hostile client from handing
// the service megabytes to echo in an error message.
const displayId = z.string().min(1).max(256);
const id = z.string().min(1).max(200);
const path = z.string().min(1).max(4096);
const task = z.string().min(1).max(10_000);

/**
 * The argument list each service method accepts, checked before the service sees it: a
 * client (renderer, browser tab) is less trusted than the service. An action's own shape is
 * checked by the computer_use schema (parseAction), so here it only has to be a value.
 */
export const callSchemas = {
  listDisplays: z.tuple([]),
  capture: z.tuple([displayId.nullish()]),
  act: z.tuple([z.unknown(), z.object({ dryRun: z.boolean().optional() }).strict().nullish()]),

  startRun: z.tuple([
    task,
    z
      .object({ maxSteps: z.number().int().min(1).max(1000).optional(), dryRun: z.boolean().optional() })
      .strict()
      .nullish(),
  ]),
  pauseRun: z.tuple([id]),
  resumeRun: z.tuple([id]),
  stopRun: z.tuple([id]),
  runState: z.tuple([id]),
  answerConfirm: z.tuple([id, z.boolean()]),
  activeRuns: z.tuple([]),

  listRuns: z.tuple([]),
  getRun: z.tuple([id]),
  runScreenshot: z.tuple([id, z.number().int().min(0).max(100_000)]),
  runReport: z.tuple([id]),

  listModels: z.tuple([]),
  pullModel: z.tuple([
    id,
    z
      .object({ quant: z.string().min(1).max(32).optional(), keepPartialOnCancel: z.boolean().optional() })
      .strict()
      .nullish(),
  ]),
  cancelPull: z.tuple([id]),
  removeModel: z.tuple([id]),
  verifyModelFiles: z.tuple([path, path.nullish()]),
  useModel: z.tuple([z.union([z.object({ id, quant: z.string().min(1).max(32).optional() }).strict(), z.object({ model: path, mmproj: path }).strict()])]),
  getSettings: z.tuple([]),
  updateSettings: z.tuple([settingsPatchSchema]),

  ...macroCallSchemas,

  ground: z.tuple([
    z
      .object({
        query: task,
        mode: z.enum(["point", "box"]).optional(),
        zoom: z.union([z.boolean(), z.literal("auto")]).optional(),
        displayId: displayId.optional(),
      })
      .strict(),
  ]),
  reportPanelWindow: z.tuple([
    z
      .object({
        id,
        x: z.number().finite().min(-100_000).max(100_000),
        y: z.number().finite().min(-100_000).max(100_000),
        width: z.number().finite().min(0).max(100_000),
        height: z.number().finite().min(0).max(100_000),
        focused: z.boolean(),
      })
      .strict(),
  ]),
  ask: z.tuple([z.object({ question: task, maxTokens: z.number().int().min(1).max(8192).optional(), displayId: displayId.optional() }).strict()]),
} as const satisfies Record<string, z.ZodType<unknown[]>>;
