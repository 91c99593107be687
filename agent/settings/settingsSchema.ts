import { z } from "zod";
import { DEFAULT_GROUNDING_PROMPT, GROUNDING_PROMPT_KINDS, type GroundingPromptKind } from "../grounding/GroundingPromptKind.js";
import { ENDPOINT_PRESET_NAMES } from "./endpointPresets.js";
import { toAccelerator } from "./toAccelerator.js";
import { DEFAULT_STOP_KEY } from "../inputHook/defaultStopKey.js";
import { stopKeyMatcher } from "../inputHook/stopKeyMatcher.js";
import { autoContextSize, minContextSize } from "../vision/contextBudget.js";
import { PROFILE_IDS } from "../profiles/ModelProfile.js";
import { COORDINATE_SPACES } from "../profiles/coordinateSpace.js";

/** What the model reads and writes, and the space of its coordinates; unset, the catalog entry's (Qwen2.5-VL's for named files) and the profile's. */
const profileFields = { profile: z.enum(PROFILE_IDS).optional(), coordinates: z.enum(COORDINATE_SPACES).optional() };

/** Bumped when a field changes meaning; migrateSettings() carries older files forward. */
export const SETTINGS_VERSION = 3;

const gpuLayers = z.union([z.number().int().min(-1), z.literal("auto"), z.literal("max")]);

/** A hotkey the Electron app can register as a global shortcut; the message says why not and what works. */
const hotkey = z
  .string()
  .min(1)
  .superRefine((chord, ctx) => {
    const parsed = toAccelerator(chord);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.problem });
  });

/** The stop hotkey is also watched by the input hook (StopHotkey) under `deskpilot serve` and the CLI: it must be a key that hook sees. */
const stopHotkey = hotkey.superRefine((chord, ctx) => {
  if (!toAccelerator(chord).ok) return; // said by `hotkey` already
  try {
    stopKeyMatcher(chord);
  } catch {
    ctx.addIssue({
      code: "custom",
      message: `The stop hotkey "${chord}" is not a key the input hook can see; use e.g. ${DEFAULT_STOP_KEY}, Ctrl+Alt+Q or Scrolllock.`,
    });
  }
});

const accelerator = (chord: string): string | undefined => {
  const parsed = toAccelerator(chord);
  return parsed.ok ? parsed.accelerator : undefined;
};

/** The one settings file (docs/design.md §1): every field has a default, so `{}` is a valid file. */
export const settingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
    /** Which model runs: a catalog id (+ quantisation), or files the user already has. */
    model: z
      .object({
        id: z.string().min(1).default("qwen2.5-vl-3b"),
        quant: z.string().min(1).optional(),
        /** "Use these files": overrides the catalog id when both are set. */
        files: z.object({ model: z.string().min(1), mmproj: z.string().min(1) }).optional(),
        ...profileFields,
      })
      .default({ id: "qwen2.5-vl-3b" }),
    engine: z
      .object({
        gpuLayers: gpuLayers.default("auto"),
        /** The engine's context in tokens; "auto": sized for the agent's window of screenshots at imageTokens.max. */
        contextSize: z.union([z.literal("auto"), z.number().int().min(2048).max(131072)]).default("auto"),
        /** 0: all hardware threads. */
        threads: z.number().int().min(0).max(1024).default(0),
      })
      .default({ gpuLayers: "auto", contextSize: "auto", threads: 0 }),
    /** smart_resize token bounds (docs/design.md §3); grounding needs ≥ 1024. */
    imageTokens: z
      .object({ min: z.number().int().min(4).max(16384).default(1024), max: z.number().int().min(4).max(16384).default(4096) })
      .refine((t) => t.min <= t.max, { message: "the minimum must not exceed the maximum", path: ["min"] })
      .default({ min: 1024, max: 4096 }),
    zoom: z.boolean().default(true),
    /** How grounding asks the model: Qwen2.5-VL's JSON (`json`), or the ScreenSpot evaluator's computer_use call (`tool-call`). */
    groundingPrompt: z.enum(GROUNDING_PROMPT_KINDS as [GroundingPromptKind, ...GroundingPromptKind[]]).default(DEFAULT_GROUNDING_PROMPT),
    policy: z
      .object({
        confirmRisky: z.boolean().default(true),
        dryRun: z.boolean().default(false),
        /** Apps the agent may act in without asking; empty: no app is off limits (the other checks still ask in every app; docs/design.md §8). */
        allowApps: z.array(z.string().min(1)).default([]),
        /** Ask the model about each action's target and the screen's text first; unset: yes, except on a CPU-only machine (cpuRunDefaults). */
        inspect: z.boolean().optional(),
      })
      .default({ confirmRisky: true, dryRun: false, allowApps: [] }),
    /**
     * Global hotkeys (Electron accelerators, see toAccelerator): refused here when they could never be registered.
     * `stop` is the one stop key of every run, replay and recording, whatever starts it (see defaultStopKey).
     */
    hotkeys: z
      .object({ stop: stopHotkey.default(DEFAULT_STOP_KEY), pause: hotkey.default("Ctrl+Alt+P") })
      .refine((h) => accelerator(h.stop) === undefined || accelerator(h.stop) !== accelerator(h.pause), {
        message: `the stop and pause hotkeys are the same key; choose two different ones, e.g. ${DEFAULT_STOP_KEY} and Ctrl+Alt+P`,
        path: ["pause"],
      })
      .default({ stop: DEFAULT_STOP_KEY, pause: "Ctrl+Alt+P" }),
    /** A remote OpenAI-compatible endpoint (the scale-out path); null: the local engine. */
    endpoint: z
      .object({
        preset: z.enum([...ENDPOINT_PRESET_NAMES, "custom"]),
        baseUrl: z.url(),
        model: z.string().min(1),
        apiKey: z.string().optional(),
        /** The endpoint's model profile (default Qwen2.5-VL) and coordinate space (default: the profile's). */
        ...profileFields,
      })
      .nullable()
      .default(null),
    /** On: no outbound connection except a download the user started (enforced in agent/net). */
    localOnly: z.boolean().default(true),
    /** The model hub downloads come from (a mirror, or a test server); HF_ENDPOINT overrides it. */
    hubEndpoint: z.url().default("https://huggingface.co"),
    /** Where downloaded models live; default: the user data folder. --models-dir and DESKPILOT_MODELS_DIR override it. */
    modelsDir: z.string().min(1).optional(),
  })
  .superRefine((s, ctx) => {
    // A context that cannot hold one screenshot at the largest frame fails every agent step.
    const { contextSize } = s.engine;
    const least = minContextSize(s.imageTokens.max);
    if (contextSize !== "auto" && contextSize < least) {
      ctx.addIssue({
        code: "custom",
        path: ["engine", "contextSize"],
        message: `a context of ${contextSize} tokens cannot hold one screenshot at imageTokens.max ${s.imageTokens.max}: a step needs at least ${least} tokens (the screenshot, about ${least - s.imageTokens.max} for the prompt and answer); set engine.contextSize to "auto" (${autoContextSize(s.imageTokens.max)} here) or at least ${least}, or lower imageTokens.max`,
      });
    }
  });

export type Settings = z.infer<typeof settingsSchema>;

/** A fresh copy of the defaults. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}
