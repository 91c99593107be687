import type { GenerateModelOptions, GeneratedModel } from "./generateModelPair.js";
import { generateQwen25Vl } from "./generateQwen25Vl.js";
import { generateQwen3Vl } from "./generateQwen3Vl.js";
import { generateQwen35 } from "./generateQwen35.js";
import { QWEN35_PRESETS } from "./qwen35Presets.js";
import { QWEN25VL_PRESETS, type Qwen25VlPresetName } from "./qwen25vlPresets.js";
import { QWEN3VL_PRESETS } from "./qwen3vlPresets.js";

/** One random model the generator can write: its family and how. */
interface ModelPreset {
  /** The profile its answers are read with (Qwen3.5 has none of its own yet: it takes Qwen3-VL's). */
  readonly family: "qwen2.5-vl" | "qwen3-vl";
  readonly name: string;
  readonly generate: (options: GenerateModelOptions) => GeneratedModel;
}

const qwen25 = (preset: Qwen25VlPresetName): ModelPreset => ({
  family: "qwen2.5-vl",
  name: QWEN25VL_PRESETS[preset].name,
  generate: (o) => generateQwen25Vl({ ...o, preset }),
});

/** Every `--preset` of `dev tiny-model` and `bench engine`: the Qwen2.5-VL names as they were, plus Qwen3-VL's and Qwen3.5's, dense and MoE. */
export const MODEL_PRESETS = {
  tiny: qwen25("tiny"),
  "qwen2.5-vl-3b": qwen25("qwen2.5-vl-3b"),
  "qwen2.5-vl-7b": qwen25("qwen2.5-vl-7b"),
  "tiny-qwen3-vl": { family: "qwen3-vl", name: QWEN3VL_PRESETS.tiny.name, generate: (o) => generateQwen3Vl({ ...o, preset: "tiny" }) },
  "tiny-qwen3.5": { family: "qwen3-vl", name: QWEN35_PRESETS.tiny.name, generate: (o) => generateQwen35({ ...o, preset: "tiny" }) },
  "tiny-qwen3-vl-moe": { family: "qwen3-vl", name: QWEN3VL_PRESETS["tiny-moe"].name, generate: (o) => generateQwen3Vl({ ...o, preset: "tiny-moe" }) },
  "tiny-qwen3.5-moe": { family: "qwen3-vl", name: QWEN35_PRESETS["tiny-moe"].name, generate: (o) => generateQwen35({ ...o, preset: "tiny-moe" }) },
} as const satisfies Record<string, ModelPreset>;

export type ModelPresetName = keyof typeof MODEL_PRESETS;

export function isModelPresetName(name: string): name is ModelPresetName {
  return Object.hasOwn(MODEL_PRESETS, name);
}

/** The preset names, for help texts and errors. */
export const MODEL_PRESET_NAMES = Object.keys(MODEL_PRESETS) as ModelPresetName[];
