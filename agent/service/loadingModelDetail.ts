import { statSync } from "node:fs";
import { basename } from "node:path";
import type { LoadableSource } from "./selectedModelSource.js";

/** What a run's loading-model phase names: the model file, and how much is read with its projector ("model.gguf, 3.2 GB with its projector"). */
export function loadingModelDetail(source: Extract<LoadableSource, { kind: "local" }>): string {
  const size = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0; // the load itself reports a missing file
    }
  };
  const bytes = size(source.modelPath) + size(source.mmprojPath);
  return bytes > 0 ? `${basename(source.modelPath)}, ${(bytes / 1e9).toFixed(1)} GB with its projector` : basename(source.modelPath);
}
