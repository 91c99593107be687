import type { DownloadProgress } from "./DownloadProgress.js";

/** A pull's progress: asking the hub (checking), bytes arriving, checking the files, installed. */
export interface ModelProgressEvent {
  readonly type: "model-progress";
  readonly modelId: string;
  readonly phase: DownloadProgress["phase"];
  readonly receivedBytes: number;
  readonly totalBytes: number;
}

/**
 * A pull's progress as the service's `model-progress` event: the phase travels with the bytes so
 * a panel never has to guess "verifying" from received == total. Speed and ETA stay local; each
 * panel measures them from the events it sees.
 */
export function modelProgressEvent(p: DownloadProgress): ModelProgressEvent {
  return { type: "model-progress", modelId: p.modelId, phase: p.phase, receivedBytes: p.receivedBytes, totalBytes: p.totalBytes };
}
