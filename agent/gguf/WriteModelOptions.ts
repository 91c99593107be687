import type { WeightType } from "./weightType.js";

/** Options shared by every text and projector writer. */
export interface WriteModelOptions {
  readonly type: WeightType;
  readonly signal?: AbortSignal;
  readonly onProgress?: (written: number, total: number) => void;
}
