// Every setting the form shows, by the path the service's errors use, with its label.
export const FIELD_LABELS = {
  "model.profile": "How the model answers",
  "model.coordinates": "The model's coordinates",
  "engine.gpuLayers": "GPU layers",
  "engine.contextSize": "Context size (tokens)",
  "engine.threads": "CPU threads",
  "imageTokens.min": "Minimum image tokens",
  "imageTokens.max": "Maximum image tokens",
  zoom: "Zoom in to refine clicks",
  groundingPrompt: "Grounding prompt",
  "policy.confirmRisky": "Ask before risky actions",
  "policy.dryRun": "Dry run: plan, send no input",
  "policy.inspect": "Check each action's target with the model",
  "policy.allowApps": "Allowed apps (one per line)",
  "hotkeys.stop": "Emergency stop",
  "hotkeys.pause": "Pause and resume",
  "endpoint.preset": "Where the model runs",
  "endpoint.baseUrl": "Base URL",
  "endpoint.model": "Model name on the server",
  "endpoint.apiKey": "API key (if the server needs one)",
  "endpoint.profile": "How the server's model answers",
  "endpoint.coordinates": "The server model's coordinates",
  localOnly: "Local only",
  hubEndpoint: "Model hub",
} as const;
export type Field = keyof typeof FIELD_LABELS;
const FIELDS = Object.keys(FIELD_LABELS) as Field[];

/** The field an error path belongs to (`policy.allowApps.2` → `policy.allowApps`, `endpoint` → `endpoint.preset`). */
export function fieldOf(path: string | undefined): Field | undefined {
  if (!path) return undefined;
  if (path === "endpoint") return "endpoint.preset";
  return FIELDS.find((f) => path === f || path.startsWith(`${f}.`));
}

/** How the form names a setting path: its label, or the path itself for a setting the form does not show. */
export function labelOf(path: string): string {
  const field = fieldOf(path);
  return field ? FIELD_LABELS[field] : path;
}
