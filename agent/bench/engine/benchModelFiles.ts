import { MODEL_PRESETS, type ModelPresetName } from "../../gguf/modelPresets.js";

/** The pair a bench runs: the files it was given, else a random-weight preset generated into `dir` (default tiny). */
export function benchModelFiles(
  o: { readonly model?: string | undefined; readonly mmproj?: string | undefined; readonly preset?: ModelPresetName | undefined },
  dir: string,
): { model: string; mmproj: string } {
  return o.model && o.mmproj ? { model: o.model, mmproj: o.mmproj } : MODEL_PRESETS[o.preset ?? "tiny"].generate({ outDir: dir });
}
