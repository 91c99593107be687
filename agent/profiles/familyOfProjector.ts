import { readGguf } from "../gguf/readGguf.js";
import { architectureOfProjector } from "../vision/visionArchitectures.js";
import type { ProfileId } from "./ModelProfile.js";

/**
 * The base family's profile of each projector the engine runs (vision/visionArchitectures), for
 * files named without one; a fine-tune on it may need its own (catalog entries say). Qwen3.5 and
 * the MoE variants share Qwen3-VL's projector, and with it its profile: there is no Qwen3.5 profile
 * yet, until a model's own format is read from its sources.
 */
export const FAMILY_OF_PROJECTOR: Readonly<Record<string, ProfileId>> = {
  "qwen2.5vl_merger": "qwen2.5-vl",
  qwen3vl_merger: "qwen3-vl",
};

/** The base family a llama.cpp projector type belongs to, or undefined for one DeskPilot does not run. */
export function familyOfProjectorType(projector: unknown): ProfileId | undefined {
  const architecture = architectureOfProjector(projector);
  return architecture ? FAMILY_OF_PROJECTOR[architecture.projector] : undefined;
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
