import { statSync } from "node:fs";
import type { ModelFilesInfo } from "../vision/ModelFilesInfo.js";
import { validateModelFiles } from "../vision/validateModelFiles.js";
import { ModelDownloadError } from "./ModelDownloadError.js";
import { sha256File } from "./sha256File.js";

/** What a file is expected to be; absent fields are not checked. */
export interface ExpectedFile {
  readonly path: string;
  readonly bytes?: number;
  readonly sha256?: string;
}

/**
 * Checks a downloaded pair: sizes and hashes as the hub published them, then the GGUF headers
 * (a text architecture DeskPilot runs with the projector made for it, matching widths and DeepStack layers, no truncated tensor).
 */
export async function verifyModelPair(model: ExpectedFile, mmproj: ExpectedFile, signal?: AbortSignal): Promise<ModelFilesInfo> {
  for (const f of [model, mmproj]) {
    const size = statSync(f.path).size;
    if (f.bytes !== undefined && f.bytes >= 0 && size !== f.bytes) {
      throw new ModelDownloadError("DOWNLOAD_CORRUPT", `${f.path} has ${size} bytes but the hub published ${f.bytes}; it was removed, pull again`);
    }
    if (f.sha256 !== undefined) {
      const actual = await sha256File(f.path, signal);
      if (actual !== f.sha256)
        throw new ModelDownloadError("DOWNLOAD_CORRUPT", `${f.path} has SHA-256 ${actual} but the hub published ${f.sha256}; it was removed, pull again`);
    }
  }
  try {
    return validateModelFiles(model.path, mmproj.path);
  } catch (error) {
    throw new ModelDownloadError("DOWNLOAD_CORRUPT", `the downloaded files are not a usable model: ${(error as Error).message}`, { cause: error });
  }
}
