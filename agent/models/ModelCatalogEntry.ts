import type { ProfileId } from "../profiles/ModelProfile.js";

/** One file in a hub repository. */
export interface CatalogFile {
  /** Path inside the repository (the hub's `resolve/main/<path>`). */
  readonly path: string;
  /**
   * Size in bytes, approximate: estimated from the parameter count and the quantisation's bits per
   * weight, not read from the hub (no hub access where this was written). The download trusts the
   * hub's Content-Length; this number is for display and for the hardware fit only.
   */
  readonly approxBytes: number;
}

/** A published quantisation of the text model. */
export interface CatalogQuant {
  readonly name: string;
  readonly text: CatalogFile;
}

/** Which prompt format and answer parser the agent uses with a model (agent/profiles). */
export type PromptProfile = ProfileId;

/** A vision-language model DeskPilot can download and run. */
export interface ModelCatalogEntry {
  readonly id: string;
  readonly title: string;
  /** Hub repository, `owner/name`. */
  readonly repo: string;
  readonly profile: PromptProfile;
  readonly license: string;
  /** Billions of parameters of the text model (the vision encoder adds about 0.67 B). */
  readonly paramsB: number;
  /** Text-model shape, for the KV-cache estimate and partial GPU offload. */
  readonly layers: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly quants: readonly CatalogQuant[];
  /** The quantisation pulled when none is named. */
  readonly defaultQuant: string;
  readonly mmproj: CatalogFile;
  readonly notes?: string;
}
