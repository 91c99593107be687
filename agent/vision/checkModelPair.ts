import { statSync } from "node:fs";
import { readGguf, type GgufHeader } from "../gguf/readGguf.js";
import { truncatedTensor } from "../gguf/truncatedTensor.js";
import type { ModelShape } from "./estimateGpuReserve.js";
import type { ModelFilesInfo } from "./ModelFilesInfo.js";
import { architectureOfProjector, architectureOfText, describeArchitectures } from "./visionArchitectures.js";

/** A pair's check: what the engine needs to know from the two headers, or the first thing wrong with the pair. */
export type ModelPairCheck = { readonly ok: true; readonly info: ModelFilesInfo } | { readonly ok: false; readonly problem: string; readonly cause?: unknown };

const fail = (problem: string, cause?: unknown): ModelPairCheck => (cause === undefined ? { ok: false, problem } : { ok: false, problem, cause });

/**
 * Checks a pair the way the engine needs it (llama.cpp aborts on some bad files): readable complete
 * GGUFs, a text architecture DeskPilot runs (visionArchitectures.ts) with the projector made for
 * it, equal widths, and as many DeepStack layers in the projector as the text model takes. The
 * report `models verify` shows; validateModelFiles throws its problem before a load.
 */
export function checkModelPair(modelPath: string, mmprojPath: string): ModelPairCheck {
  const text = readHeader(modelPath, "text model");
  if ("ok" in text) return text;
  const proj = readHeader(mmprojPath, "mmproj");
  if ("ok" in proj) return proj;
  const textArch = text.metadata.get("general.architecture");
  const projArch = proj.metadata.get("general.architecture");
  if (textArch === "clip") return fail(`${modelPath} is a vision projector (mmproj), not a text model: pass it as the mmproj and the text GGUF as the model`);
  const arch = architectureOfText(textArch);
  if (!arch) return fail(`${modelPath} has architecture ${String(textArch)}; DeskPilot needs a ${describeArchitectures("text")} text model`);
  if (projArch !== "clip") {
    const hint = architectureOfText(projArch) ? ": it is a text model; pass the mmproj-*.gguf file as the mmproj" : "";
    return fail(`${mmprojPath} is not a vision projector (architecture ${String(projArch)}, expected clip)${hint}`);
  }
  const projector = proj.metadata.get("clip.projector_type") ?? proj.metadata.get("clip.vision.projector_type");
  if (projector !== arch.projector) {
    const other = architectureOfProjector(projector);
    const what = other ? `a ${other.label} projector (${other.projector})` : `projector ${String(projector)}`;
    return fail(
      `${mmprojPath} is ${what}, but ${modelPath} is a ${arch.label} text model (${arch.text}), which needs a ${arch.projector} projector: use the mmproj made for this model`,
    );
  }
  const key = (k: string) => text.metadata.get(`${arch.text}.${k}`);
  const textEmbd = Number(key("embedding_length"));
  const projDim = Number(proj.metadata.get("clip.vision.projection_dim"));
  if (textEmbd !== projDim) {
    return fail(
      `${mmprojPath} projects to width ${projDim} but ${modelPath} has embedding width ${textEmbd}: they are from different model sizes; use the mmproj made for this model`,
    );
  }
  // llama.cpp counts the projector's DeepStack layers by their tensors, the text model's by its key;
  // mtmd refuses the pair (image width n_embd × (1 + layers) on both sides) when they differ.
  const textDeepstack = Number(key("n_deepstack_layers") ?? 0);
  const projDeepstack = new Set(proj.tensors.map((t) => /^v\.deepstack\.(\d+)\.fc1\.weight$/.exec(t.name)?.[1]).filter((i) => i !== undefined)).size;
  if (textDeepstack !== projDeepstack) {
    return fail(
      `${mmprojPath} has ${projDeepstack} DeepStack layers but ${modelPath} takes ${textDeepstack} (${arch.text}.n_deepstack_layers): they are from different models; use the mmproj made for this model`,
    );
  }
  const heads = Number(key("attention.head_count"));
  const mergeSize = Number(proj.metadata.get("clip.vision.spatial_merge_size") ?? 2);
  const tokens = text.arrayLengths.get("tokenizer.ggml.tokens");
  const shape: ModelShape = {
    embd: textEmbd,
    layers: Number(key("block_count")),
    heads,
    kvHeads: Number(key("attention.head_count_kv") ?? heads),
    headDim: Number(key("attention.key_length") ?? textEmbd / heads),
    ff: ffnWidth(key),
    vocab: tokens ?? 151936,
    visionEmbd: Number(proj.metadata.get("clip.vision.embedding_length")),
    mergeSize,
    ...hybridLayers(key, Number(key("block_count"))),
  };
  const info: ModelFilesInfo = {
    architecture: arch.text,
    projector: arch.projector,
    deepstackLayers: projDeepstack,
    textEmbd,
    textLayers: Number(key("block_count")),
    textBytes: text.fileSize,
    mmprojBytes: proj.fileSize,
    shape,
    patchSize: Number(proj.metadata.get("clip.vision.patch_size") ?? arch.defaultPatchSize),
    mergeSize,
    defaultSystemPrompt: defaultSystemPrompt(text.metadata.get("tokenizer.chat_template")),
  };
  return { ok: true, info };
}

/**
 * The FFN width one token's activations take: the dense `feed_forward_length`, or for a MoE model
 * the experts it runs (`expert_used_count` × `expert_feed_forward_length`, as llama.cpp's
 * mul_mat_id lays them out) plus a shared expert's width where there is one.
 */
function ffnWidth(key: (k: string) => unknown): number {
  const used = Number(key("expert_used_count"));
  if (!(used > 0)) return Number(key("feed_forward_length"));
  return used * Number(key("expert_feed_forward_length")) + Number(key("expert_shared_feed_forward_length") ?? 0);
}

/** The engine's sequences (native/src/VisionEngine.cpp: n_seq_max), each with its own recurrent state. */
const ENGINE_SEQUENCES = 2;

/**
 * A hybrid text model's split (Qwen3.5: `full_attention_interval`, llama.cpp's default 4): the
 * layers with a KV cache, and the F32 recurrent state of the others (src/llama-hparams.cpp:
 * n_embd_r = (d_conv − 1)·(d_inner + 2·groups·d_state), n_embd_s = d_state·d_inner). Nothing
 * for a model without linear-attention keys.
 */
function hybridLayers(key: (k: string) => unknown, layers: number): Pick<ModelShape, "kvLayers" | "recurrentStateBytes"> {
  const dState = Number(key("ssm.state_size"));
  if (!(dState > 0)) return {};
  const interval = Number(key("full_attention_interval") ?? 4);
  const kvLayers = Array.from({ length: layers }, (_, i) => (i + 1) % interval === 0).filter(Boolean).length;
  const dInner = Number(key("ssm.inner_size"));
  const conv = (Number(key("ssm.conv_kernel")) - 1) * (dInner + 2 * Number(key("ssm.group_count")) * dState);
  return { kvLayers, recurrentStateBytes: (layers - kvLayers) * (conv + dState * dInner) * 4 * ENGINE_SEQUENCES };
}

/** The file's header, or why it cannot be read. */
function readHeader(path: string, what: string): GgufHeader | ModelPairCheck {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    return fail(`the ${what} file ${path} does not exist or cannot be read`, error);
  }
  if (size === 0) return fail(`the ${what} file ${path} is empty (0 bytes); download it again`);
  let header: GgufHeader;
  try {
    header = readGguf(path, { arrayItems: false });
  } catch (error) {
    return fail(`the ${what} file ${path} is not a valid GGUF (${(error as Error).message}); download it again`, error);
  }
  const cut = truncatedTensor(header, header.fileSize);
  if (cut)
    return fail(`the ${what} file ${path} is truncated (tensor ${cut.name} ends at byte ${cut.end}, the file has ${header.fileSize}); download it again`);
  return header;
}

// llama.cpp's built-in ChatML formatting does not run the Jinja template, so the default system
// message Qwen's template inserts is read out of the template and added by the caller.
function defaultSystemPrompt(template: unknown): string | undefined {
  if (typeof template !== "string") return undefined;
  return /<\|im_start\|>system\n([^<{}]*?)<\|im_end\|>/.exec(template)?.[1];
}
