import { z } from "zod";
import { GROUNDING_PROMPT_KINDS, type GroundingPromptKind } from "../grounding/GroundingPromptKind.js";
import { ENDPOINT_PRESET_NAMES } from "./endpointPresets.js";
import { PROFILE_IDS } from "../profiles/ModelProfile.js";
import { COORDINATE_SPACES } from "../profiles/coordinateSpace.js";

// null clears a choice, so its default (the catalog entry's profile, the profile's coordinates) applies again.
const profileFields = { profile: z.enum(PROFILE_IDS).nullable(), coordinates: z.enum(COORDINATE_SPACES).nullable() };

// No minimum here: an emptied field reaches settingsSchema, which refuses it together with every
// other issue of the save (the dispatcher would stop at this schema and report its issues alone).
// Worded, because the dispatcher reports these with their own messages.
const text = (max = 256) => z.string().max(max, `must be at most ${max} characters`);
const path = text(4096);
const gpuLayers = z.union([z.number().int().min(-1), z.literal("auto"), z.literal("max")]);

/**
 * A settings change as a client may send it (SettingsPatch): known fields only, object fields
 * partial. Ranges and cross-field rules are settingsSchema's: updateSettings checks the merged
 * result and refuses an invalid one, so this only keeps unknown and oversized values out.
 */
export const settingsPatchSchema = z
  .object({
    model: z
      .object({ id: text(), quant: text(32), files: z.object({ model: path, mmproj: path }).strict(), ...profileFields })
      .partial()
      .strict(),
    engine: z
      .object({ gpuLayers, contextSize: z.union([z.literal("auto"), z.number().int()]), threads: z.number().int() })
      .partial()
      .strict(),
    imageTokens: z.object({ min: z.number().int(), max: z.number().int() }).partial().strict(),
    zoom: z.boolean(),
    groundingPrompt: z.enum(GROUNDING_PROMPT_KINDS as [GroundingPromptKind, ...GroundingPromptKind[]]),
    policy: z
      .object({ confirmRisky: z.boolean(), dryRun: z.boolean(), allowApps: z.array(text()).max(200), inspect: z.boolean().nullable() })
      .partial()
      .strict(),
    hotkeys: z
      .object({ stop: text(64), pause: text(64) })
      .partial()
      .strict(),
    endpoint: z
      .object({ preset: z.enum([...ENDPOINT_PRESET_NAMES, "custom"]), baseUrl: text(2048), model: text(), apiKey: z.string().max(4096), ...profileFields })
      .partial()
      .strict()
      .nullable(),
    localOnly: z.boolean(),
    hubEndpoint: text(2048),
    modelsDir: path,
  })
  .partial()
  .strict();
