import type { AddonDevice, AddonPlacement } from "../../native/AddonTypes.js";
import type { GpuLayers } from "./VisionModel.js";

/** What the engine was asked for and what it found, for placementNotes. */
export interface PlacementFacts {
  readonly requested: GpuLayers;
  readonly placement: AddonPlacement;
  readonly visionGpu: boolean;
  /** The GPU devices the engine was allowed to use. */
  readonly usable: readonly AddonDevice[];
  /** Why GPU backends or devices were left out (LoadedBackends.notes, chooseEngineDevices' notes). */
  readonly skipped: readonly string[];
}

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

/** Why a part of the model is not on a GPU, one sentence each; [] when all of it is. */
export function placementNotes(f: PlacementFacts): string[] {
  const { placement: p } = f;
  if (f.usable.length === 0) return ["no usable GPU, so the model runs on the CPU", ...f.skipped];
  const notes: string[] = [];
  if (p.layersOffloaded < p.layersTotal) {
    if (f.requested === 0) notes.push("gpuLayers is 0: the text model stays on the CPU");
    else if (typeof f.requested === "number") notes.push(`gpuLayers is ${f.requested}: ${p.layersOffloaded} of ${p.layersTotal} text layers on the GPU`);
    else if (f.requested === "auto") {
      const free = Math.max(...f.usable.map((d) => d.memoryFree));
      notes.push(`${gb(free)} of GPU memory free is not enough for the whole text model: ${p.layersOffloaded} of ${p.layersTotal} layers on the GPU`);
    }
  }
  if ((p.visionBackend || "CPU") === "CPU")
    notes.push(
      f.visionGpu
        ? "the vision encoder runs on the CPU (mtmd found no GPU backend for it)"
        : "the vision encoder runs on the CPU (visionGpu is off, or a larger frame did not fit in GPU memory)",
    );
  return notes;
}
