import { readGguf } from "../models/gguf/readGguf.js";
import type { ProfileId } from "./ModelProfile.js";

/** The base family each llama.cpp projector type belongs to (tools/mtmd/clip-impl.h's names). */
const FAMILY_OF_PROJECTOR: Readonly<Record<string, ProfileId>> = {
  "qwen2.5vl_merger": "qwen2.5-vl",
  qwen3vl_merger: "qwen3-vl",
};

/** The family a projector type names, or undefined for one DeskPilot has no family for. */
export function familyOfProjectorType(projector: unknown): ProfileId | undefined {
  return typeof projector === "string" ? FAMILY_OF_PROJECTOR[projector] : undefined;
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
