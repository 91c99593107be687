import type { ProfileId } from "../profiles/ModelProfile.js";
import type { ModelEvidence } from "./ModelEvidence.js";

/** One file in a hub repository. */
export interface CatalogFile {
  /** Path inside the repository (the hub's `resolve/main/<path>`), as a published file listing named it. */
  readonly path: string;
  /**
   * Size in bytes, for display and for the hardware fit only: what the download fetches is what
   * the hub's own listing says at pull time. `bytesFrom` says where this number comes from.
   */
  readonly approxBytes: number;
  /** published: the hub's size as a public source quotes it (exact when written); estimate: params × bits per weight. */
  readonly bytesFrom?: "published" | "estimate";
  /**
   * SHA-256 the catalog pins: a pull refuses a file the hub now lists with another hash, before
   * downloading it. Absent: none could be found published; the pull trusts what the hub lists
   * (or, with no hash anywhere, what it downloads) and records it (trust on first use).
   */
  readonly sha256?: string;
}

/** A published quantisation of the text model. */
export interface CatalogQuant {
  readonly name: string;
  readonly text: CatalogFile;
}

/** Which prompt format and answer parser the agent uses with a model (agent/profiles). */
export type PromptProfile = ProfileId;

/** The profile a catalog entry names: every one is registered (agent/profiles); whyNotRunnable still checks, for entries added before their profile. */
export type CatalogProfile = ProfileId;

/** A vision-language model DeskPilot can download and run. */
export interface ModelCatalogEntry {
  readonly id: string;
  readonly title: string;
  /** Hub repository, `owner/name`. */
  readonly repo: string;
  /** Who converted the weights to GGUF: the model's makers (official), ggml-org, or a named community builder. */
  readonly builtBy: string;
  /** The repository commit the pinned hashes and sizes were published at, where a source names it. */
  readonly revision?: string;
  readonly profile: CatalogProfile;
  /** The text GGUF's `general.architecture` (qwen2vl, qwen3vl): the engine must load it (whyNotRunnable). */
  readonly architecture: string;
  readonly license: string;
  /** Billions of parameters of the text model (the vision encoder comes on top). */
  readonly paramsB: number;
  /** Text-model shape, for the KV-cache estimate and partial GPU offload. */
  readonly layers: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly quants: readonly CatalogQuant[];
  /** The quantisation pulled when none is named. */
  readonly defaultQuant: string;
  readonly mmproj: CatalogFile;
  /** Published benchmark results, each with its source (ModelEvidence). */
  readonly evidence: ModelEvidence;
  readonly notes?: string;
}
