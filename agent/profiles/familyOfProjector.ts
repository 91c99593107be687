import { readGguf } from "../gguf/readGguf.js";
import { architectureOfProjector } from "../vision/visionArchitectures.js";
import type { ProfileId } from "./ModelProfile.js";

/** The base family a llama.cpp projector type belongs to (the engine's own table), or undefined for one DeskPilot does not run. */
export function familyOfProjectorType(projector: unknown): ProfileId | undefined {
  return architectureOfProjector(projector)?.family;
}

/**
 * The family of a vision projector (mmproj) file, read from its header, for model files named
 * without a profile: a Qwen3-VL mmproj means 0–1000 answers on a 32-px grid, whatever the file is
 * called. Undefined when the file cannot be read or its projector is unknown; the model's load
 * then gives the clear error.
 */
export function familyOfMmproj(mmprojPath: string): ProfileId | undefined {
  try {
    const meta = readGguf(mmprojPath).metadata;
    return familyOfProjectorType(meta.get("clip.projector_type") ?? meta.get("clip.vision.projector_type"));
  } catch {
    return undefined;
  }
}
