/** The hub address: HF_ENDPOINT (as Hugging Face's own tools read it) over the setting. */
export function resolveHubEndpoint(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env["HF_ENDPOINT"]?.trim();
  return (fromEnv || setting || "https://huggingface.co").replace(/\/+$/, "");
}

/** The download address of `path` in `repo` on `hub`, as the hub serves it (`resolve/main`). */
export function hubFileUrl(hub: string, repo: string, path: string): string {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `${hub.replace(/\/+$/, "")}/${repo}/resolve/main/${encoded}`;
}
