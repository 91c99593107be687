import { checkModelPair } from "./checkModelPair.js";
import { ModelFileError } from "./errors/ModelFileError.js";
import type { ModelFilesInfo } from "./ModelFilesInfo.js";

/** Checks a pair before llama.cpp sees it (checkModelPair) and throws its problem as a ModelFileError. */
export function validateModelFiles(modelPath: string, mmprojPath: string): ModelFilesInfo {
  const check = checkModelPair(modelPath, mmprojPath);
  if (check.ok) return check.info;
  throw new ModelFileError(check.problem, "cause" in check ? { cause: check.cause } : undefined);
}
