/** OpenAI-compatible servers people run for vision models, with the base URLs they listen on by default. */
export const ENDPOINT_PRESETS = {
  "llama-server": { label: "llama.cpp llama-server", baseUrl: "http://127.0.0.1:8080/v1" },
  vllm: { label: "vLLM (vllm serve)", baseUrl: "http://127.0.0.1:8000/v1" },
  "lm-studio": { label: "LM Studio", baseUrl: "http://127.0.0.1:1234/v1" },
} as const;

export type EndpointPresetName = keyof typeof ENDPOINT_PRESETS;

export const ENDPOINT_PRESET_NAMES = Object.keys(ENDPOINT_PRESETS) as [EndpointPresetName, ...EndpointPresetName[]];
