import { statSync } from "node:fs";
import { readGguf, type GgufHeader } from "../models/gguf/readGguf.js";
import { ggmlTensorBytes } from "../models/gguf/ggmlTensorBytes.js";
import type { ModelShape } from "../models/estimateGpuReserve.js";
import { ModelFileError } from "./errors/ModelFileError.js";

/** What the engine needs to know from the two headers. */
export interface ModelFilesInfo {
  readonly textEmbd: number;
  readonly textLayers: number;
  readonly textBytes: number;
  readonly mmprojBytes: number;
  /** The sizes the GPU reserve is computed from (estimateGpuReserve). */
  readonly shape: ModelShape;
  readonly patchSize: number;
  readonly mergeSize: number;
  /** The default system prompt the GGUF chat template adds when the chat has none (Qwen: "You are a helpful assistant."). */
  readonly defaultSystemPrompt: string | undefined;
}

/**
 * Checks a Qwen2.5-VL pair before llama.cpp sees it (llama.cpp aborts on some bad files):
 * readable complete GGUFs, architecture `qwen2vl`, projector `qwen2.5vl_merger`, equal widths.
 */
export function validateModelFiles(modelPath: string, mmprojPath: string): ModelFilesInfo {
  const text = readHeader(modelPath, "text model");
  const proj = readHeader(mmprojPath, "mmproj");
  const textArch = text.metadata.get("general.architecture");
  const projArch = proj.metadata.get("general.architecture");
  if (textArch === "clip") throw new ModelFileError(`${modelPath} is a vision projector (mmproj), not a text model: pass it as the mmproj and the qwen2vl GGUF as the model`);
  if (textArch !== "qwen2vl") throw new ModelFileError(`${modelPath} has architecture ${String(textArch)}; DeskPilot needs a Qwen2.5-VL text model (architecture qwen2vl)`);
  if (projArch !== "clip") {
    const hint = projArch === "qwen2vl" ? ": it is a text model; pass the mmproj-*.gguf file as the mmproj" : "";
    throw new ModelFileError(`${mmprojPath} is not a vision projector (architecture ${String(projArch)}, expected clip)${hint}`);
  }
  const projector = proj.metadata.get("clip.projector_type") ?? proj.metadata.get("clip.vision.projector_type");
  if (projector !== "qwen2.5vl_merger") {
    throw new ModelFileError(`${mmprojPath} has projector ${String(projector)}; DeskPilot needs a Qwen2.5-VL projector (qwen2.5vl_merger)`);
  }
  const textEmbd = Number(text.metadata.get("qwen2vl.embedding_length"));
  const projDim = Number(proj.metadata.get("clip.vision.projection_dim"));
  if (textEmbd !== projDim) {
    throw new ModelFileError(`${mmprojPath} projects to width ${projDim} but ${modelPath} has embedding width ${textEmbd}: they are from different model sizes; use the mmproj made for this model`);
  }
  const num = (key: string) => Number(text.metadata.get(`qwen2vl.${key}`));
  const heads = num("attention.head_count");
  const mergeSize = Number(proj.metadata.get("clip.vision.spatial_merge_size") ?? 2);
  const tokens = text.metadata.get("tokenizer.ggml.tokens");
  const shape: ModelShape = {
    embd: textEmbd, layers: num("block_count"), heads, kvHeads: Number(text.metadata.get("qwen2vl.attention.head_count_kv") ?? heads),
    headDim: textEmbd / heads, ff: num("feed_forward_length"), vocab: Array.isArray(tokens) ? tokens.length : 151936,
    visionEmbd: Number(proj.metadata.get("clip.vision.embedding_length")), mergeSize,
  };
  return {
    textEmbd,
    textLayers: Number(text.metadata.get("qwen2vl.block_count")),
    textBytes: text.fileSize,
    mmprojBytes: proj.fileSize,
    shape,
    patchSize: Number(proj.metadata.get("clip.vision.patch_size") ?? 14),
    mergeSize,
    defaultSystemPrompt: defaultSystemPrompt(text.metadata.get("tokenizer.chat_template")),
  };
}

function readHeader(path: string, what: string): GgufHeader {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new ModelFileError(`the ${what} file ${path} does not exist or cannot be read`, { cause: error });
  }
  if (size === 0) throw new ModelFileError(`the ${what} file ${path} is empty (0 bytes); download it again`);
  let header: GgufHeader;
  try {
    header = readGguf(path);
  } catch (error) {
    throw new ModelFileError(`the ${what} file ${path} is not a valid GGUF (${(error as Error).message}); download it again`, { cause: error });
  }
  for (const t of header.tensors) {
    const bytes = ggmlTensorBytes(t.type, t.dims);
    const end = header.dataOffset + t.offset + (bytes ?? 1);
    if (end > header.fileSize) {
      throw new ModelFileError(`the ${what} file ${path} is truncated (tensor ${t.name} ends at byte ${end}, the file has ${header.fileSize}); download it again`);
    }
  }
  return header;
}

// llama.cpp's built-in ChatML formatting does not run the Jinja template, so the default system
// message Qwen's template inserts is read out of the template and added by the caller.
function defaultSystemPrompt(template: unknown): string | undefined {
  if (typeof template !== "string") return undefined;
  return /<\|im_start\|>system\n([^<{}]*?)<\|im_end\|>/.exec(template)?.[1];
}
