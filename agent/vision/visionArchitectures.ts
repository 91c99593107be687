/** A text architecture the engine runs, with the projector made for it (llama.cpp's names). */
export interface VisionArchitecture {
  /** `general.architecture` of the text GGUF; also the prefix of its keys. */
  readonly text: string;
  /** `clip.projector_type` of the mmproj GGUF made for it. */
  readonly projector: string;
  /** The model family, as the user knows it. */
  readonly label: string;
  /** Patch side when the mmproj does not say (clip.vision.patch_size). */
  readonly defaultPatchSize: number;
}

/** Every text ↔ projector pair DeskPilot loads; a pair outside this list is refused before llama.cpp sees it. */
export const VISION_ARCHITECTURES: readonly VisionArchitecture[] = [
  { text: "qwen2vl", projector: "qwen2.5vl_merger", label: "Qwen2.5-VL", defaultPatchSize: 14 },
  { text: "qwen3vl", projector: "qwen3vl_merger", label: "Qwen3-VL", defaultPatchSize: 16 },
  // Qwen3.5 (and the GUI models on it) reuses Qwen3-VL's projector, without DeepStack; its text
  // model is hybrid (recurrent linear attention), so kept context re-reads (VisionEngine::reuse_context).
  { text: "qwen35", projector: "qwen3vl_merger", label: "Qwen3.5", defaultPatchSize: 16 },
  // The MoE variants (Qwen3-VL-30B-A3B, Qwen3.5-35B-A3B): the same projectors and prompts, routed experts as the FFN.
  { text: "qwen3vlmoe", projector: "qwen3vl_merger", label: "Qwen3-VL MoE", defaultPatchSize: 16 },
  { text: "qwen35moe", projector: "qwen3vl_merger", label: "Qwen3.5 MoE", defaultPatchSize: 16 },
];

/** The architecture whose text GGUF has `architecture`, if DeskPilot runs it. */
export function architectureOfText(architecture: unknown): VisionArchitecture | undefined {
  return VISION_ARCHITECTURES.find((a) => a.text === architecture);
}

/** The architecture whose projector is `projector`, if DeskPilot runs it. */
export function architectureOfProjector(projector: unknown): VisionArchitecture | undefined {
  return VISION_ARCHITECTURES.find((a) => a.projector === projector);
}

/** "Qwen2.5-VL (qwen2vl) or Qwen3-VL (qwen3vl) or …": what a refusal says DeskPilot takes; a projector two families share is named once. */
export function describeArchitectures(part: "text" | "projector"): string {
  const labels = new Map<string, string[]>();
  for (const a of VISION_ARCHITECTURES) labels.set(a[part], [...(labels.get(a[part]) ?? []), a.label]);
  return [...labels].map(([name, families]) => `${families.join("/")} (${name})`).join(" or ");
}
