import { test } from "node:test";
import assert from "node:assert/strict";
import { estimateGpuReserve, type ModelShape } from "../../../agent/vision/estimateGpuReserve.js";

// Shapes from the Qwen2.5-VL configs (hidden_size, num_hidden_layers, num_attention_heads,
// num_key_value_heads, intermediate_size; vision hidden_size 1280, 2×2 merge).
const qwen3b: ModelShape = { embd: 2048, layers: 36, heads: 16, kvHeads: 2, headDim: 128, ff: 11008, vocab: 151936, visionEmbd: 1280, mergeSize: 2 };
const qwen7b: ModelShape = { embd: 3584, layers: 28, heads: 28, kvHeads: 4, headDim: 128, ff: 18944, vocab: 151936, visionEmbd: 1280, mergeSize: 2 };

test("the GPU reserve for the 3B at 8192 tokens and 4096 image tokens, by hand", () => {
  const r = estimateGpuReserve(qwen3b, 1_340_000_000, 8192, 4096);
  assert.equal(r.mmproj, 1_340_000_000);
  // K and V, f16: 2 × 36 layers × 8192 cells × 2 kv heads × 128 × 2 bytes
  assert.equal(r.kvCache, 301_989_888); // 288 MiB
  // ubatch 512: f16 mask 512×8192×2 = 8,388,608; FFN/residual 512×4×(3×11008 + 4×2048) = 84,410,368; 2 logit rows 2×151936×4 = 1,215,488
  assert.equal(r.textCompute, 94_014_464); // 89.7 MiB (llama.cpp reported 88.5 MiB at these widths)
  // 16384 patches: window mask 6×16384² = 1,610,612,736; activations 16384×1280×4×6 = 503,316,480
  assert.equal(r.visionCompute, 2_113_929_216); // 2016 MiB
  assert.equal(r.total, 3_849_933_568); // 3.6 GiB, where "auto" used to keep 1.5 GiB
});

test("the GPU reserve for the 7B, by hand", () => {
  const r = estimateGpuReserve(qwen7b, 1_350_000_000, 8192, 4096);
  // 2 × 28 × 8192 × 4 × 128 × 2
  assert.equal(r.kvCache, 469_762_048); // 448 MiB
  // 8,388,608 + 512×4×(3×18944 + 4×3584) = 145,752,064 + 1,215,488
  assert.equal(r.textCompute, 155_356_160);
  assert.equal(r.visionCompute, 2_113_929_216);
  assert.equal(r.total, 4_089_047_424);
});

test("the vision term follows the image-token maximum, the KV term the context", () => {
  const small = estimateGpuReserve(qwen3b, 0, 4096, 1024);
  assert.equal(small.kvCache, 301_989_888 / 2);
  // 4096 patches: 6×4096² + 4096×1280×24
  assert.equal(small.visionCompute, 100_663_296 + 125_829_120);
});

test("a hybrid model (Qwen3.5) reserves KV for its attention layers only, plus its recurrent state", () => {
  // 32 layers, one in four with attention; the state is given whole (validateModelFiles works it out).
  const hybrid: ModelShape = { ...qwen3b, layers: 32, kvHeads: 4, headDim: 256, kvLayers: 8, recurrentStateBytes: 100_663_296 };
  const r = estimateGpuReserve(hybrid, 0, 8192, 1024);
  // 2 × 8 layers × 8192 × 4 × 256 × 2 = 268,435,456, + 96 MiB of state
  assert.equal(r.kvCache, 268_435_456 + 100_663_296);
  // the same shape read as all-attention would reserve four times the KV and no state
  assert.equal(estimateGpuReserve({ ...hybrid, kvLayers: undefined, recurrentStateBytes: undefined }, 0, 8192, 1024).kvCache, 4 * 268_435_456);
});
