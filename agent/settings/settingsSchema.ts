import { z } from "zod";
import { ENDPOINT_PRESET_NAMES } from "./endpointPresets.js";
import { toAccelerator } from "./toAccelerator.js";

/** Bumped when a field changes meaning; migrateSettings() carries older files forward. */
export const SETTINGS_VERSION = 2;

const gpuLayers = z.union([z.number().int().min(-1), z.literal("auto"), z.literal("max")]);

/** A hotkey the Electron app can register as a global shortcut; the message says why not and what works. */
const hotkey = z.string().min(1).superRefine((chord, ctx) => {
  const parsed = toAccelerator(chord);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.problem });
});

const accelerator = (chord: string): string | undefined => {
  const parsed = toAccelerator(chord);
  return parsed.ok ? parsed.accelerator : undefined;
};

/** The one settings file (DESIGN §1): every field has a default, so `{}` is a valid file. */
export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  /** Which model runs: a catalog id (+ quantisation), or files the user already has. */
  model: z
    .object({
      id: z.string().min(1).default("qwen2.5-vl-3b"),
      quant: z.string().min(1).optional(),
      /** "Use these files": overrides the catalog id when both are set. */
      files: z.object({ model: z.string().min(1), mmproj: z.string().min(1) }).optional(),
    })
    .default({ id: "qwen2.5-vl-3b" }),
  engine: z
    .object({
      gpuLayers: gpuLayers.default("auto"),
      contextSize: z.number().int().min(2048).max(131072).default(8192),
      /** 0: all hardware threads. */
      threads: z.number().int().min(0).max(1024).default(0),
    })
    .default({ gpuLayers: "auto", contextSize: 8192, threads: 0 }),
  /** smart_resize token bounds (DESIGN §3); grounding needs ≥ 1024. */
  imageTokens: z
    .object({ min: z.number().int().min(4).max(16384).default(1024), max: z.number().int().min(4).max(16384).default(4096) })
    .refine((t) => t.min <= t.max, { message: "the minimum must not exceed the maximum", path: ["min"] })
    .default({ min: 1024, max: 4096 }),
  zoom: z.boolean().default(true),
  policy: z
    .object({
      confirmRisky: z.boolean().default(true),
      dryRun: z.boolean().default(false),
      /** Apps the agent may act in without asking; empty: ask for every app (DESIGN §8). */
      allowApps: z.array(z.string().min(1)).default([]),
      /** Ask the model about each action's target and the screen's text first; unset: yes, except on a CPU-only machine (cpuRunDefaults). */
      inspect: z.boolean().optional(),
    })
    .default({ confirmRisky: true, dryRun: false, allowApps: [] }),
  /** Global hotkeys (Electron accelerators, see toAccelerator): refused here when they could never be registered. */
  hotkeys: z
    .object({ stop: hotkey.default("Ctrl+Alt+Escape"), pause: hotkey.default("Ctrl+Alt+P") })
    .refine((h) => accelerator(h.stop) === undefined || accelerator(h.stop) !== accelerator(h.pause), {
      message: "the stop and pause hotkeys are the same key; choose two different ones, e.g. Ctrl+Alt+Escape and Ctrl+Alt+P",
      path: ["pause"],
    })
    .default({ stop: "Ctrl+Alt+Escape", pause: "Ctrl+Alt+P" }),
  /** A remote OpenAI-compatible endpoint (the scale-out path); null: the local engine. */
  endpoint: z
    .object({
      preset: z.enum([...ENDPOINT_PRESET_NAMES, "custom"]),
      baseUrl: z.url(),
      model: z.string().min(1),
      apiKey: z.string().optional(),
    })
    .nullable()
    .default(null),
  /** On: no outbound connection except a download the user started (enforced in agent/net). */
  localOnly: z.boolean().default(true),
  /** The model hub downloads come from (a mirror, or a test server); HF_ENDPOINT overrides it. */
  hubEndpoint: z.url().default("https://huggingface.co"),
  /** Where downloaded models live; default: the user data folder. --models-dir and DESKPILOT_MODELS_DIR override it. */
  modelsDir: z.string().min(1).optional(),
});

export type Settings = z.infer<typeof settingsSchema>;

/** A fresh copy of the defaults. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}
