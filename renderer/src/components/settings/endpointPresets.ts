import type { ENDPOINT_PRESETS as SERVICE_PRESETS } from "../../../../agent/settings/endpointPresets.js";

/**
 * The service's endpoint presets (agent/settings/endpointPresets.ts). The panel may import only
 * types from agent/, so the values are repeated here and the type makes the compiler hold them
 * equal: a changed URL there fails the renderer's type check until it changes here too.
 */
export const ENDPOINT_PRESETS: typeof SERVICE_PRESETS = {
  "llama-server": { label: "llama.cpp llama-server", baseUrl: "http://127.0.0.1:8080/v1" },
  vllm: { label: "vLLM (vllm serve)", baseUrl: "http://127.0.0.1:8000/v1" },
  "lm-studio": { label: "LM Studio", baseUrl: "http://127.0.0.1:1234/v1" },
};
