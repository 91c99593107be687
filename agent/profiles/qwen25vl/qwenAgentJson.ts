/**
 * JSON as Qwen-Agent writes it into prompts: Python's `json.dumps(value, ensure_ascii=False)`,
 * i.e. `", "` between items, `": "` after keys, non-ASCII characters as they are. The `<tools>`
 * block and every tool call in the history are in this form, so the model reads the spacing it
 * was trained on (JSON.stringify writes none). Strings escape exactly as JSON.stringify does,
 * which for well-formed text is what Python writes too.
 */
export function qwenAgentJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) return `[${value.map(qwenAgentJson).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${qwenAgentJson(v)}`).join(", ")}}`;
  }
  throw new TypeError(`cannot write a ${typeof value} as JSON`);
}
