import { z } from "zod";
import { MACRO_LIMITS, VARIABLE_NAME } from "./MacroSchema.js";
import { MACRO_NAME_RULE, isMacroName } from "./macroFilePath.js";

// One rule with the CLI's (macroFilePath), said in words: a client shows this message to its user.
const name = z.string().refine(isMacroName, { message: MACRO_NAME_RULE });

/**
 * Argument lists of the macros slice as a service client (renderer, browser tab) may send them,
 * for agent/service/callSchemas. Macros are named, not pathed (see macroFilePath); the
 * dispatcher maps a name to its file before calling MacrosApi.
 */
export const macroCallSchemas = {
  listMacros: z.tuple([]),
  showMacro: z.tuple([name]),
  loadMacro: z.tuple([name]),
  // The macro itself is checked by MacroSchema inside saveMacro, like a file.
  saveMacro: z.tuple([name, z.unknown()]),
  playMacro: z.tuple([
    z
      .object({
        name,
        variables: z.record(z.string().regex(VARIABLE_NAME), z.string().max(MACRO_LIMITS.text)).optional(),
        fast: z.boolean().optional(),
        // No allowRisky from a client: risky steps are confirmed through the confirm events, one by one.
        minConfidence: z.number().gt(0).max(1).optional(),
      })
      .strict(),
  ]),
  startRecording: z.tuple([
    z
      .object({ stopKey: z.string().min(1).max(32).optional() })
      .strict()
      .nullish(),
  ]),
  stopRecording: z.tuple([
    name,
    z
      .object({
        // What the panel's page received while recording (about 4 events a keystroke or click): timestamps only.
        panelInput: z
          .array(z.object({ type: z.enum(["down", "up", "wheel", "keydown", "keyup"]), at: z.number().finite() }).strict())
          .max(20_000)
          .optional(),
      })
      .strict()
      .nullish(),
  ]),
  stopMacro: z.tuple([z.string().max(200).nullish()]),
  saveRunAsMacro: z.tuple([z.string().min(1).max(200), name]),
} as const;
