import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const VOCAB_IN_BUNDLE = "models/ggml-vocab-qwen2.gguf";

/** The llama.cpp source bundle inside the installed node-llama-cpp package. */
export function llamaCppBundlePath(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve("node-llama-cpp")));
  while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
  return join(dir, "llama", "gitRelease.bundle");
}

/**
 * Path of the real Qwen2 tokenizer GGUF shipped in node-llama-cpp's llama.cpp bundle. Uses the
 * native build's checkout when present, else extracts the one file (needs `git`) into `cacheDir`.
 */
export function qwen2VocabFile(cacheDir: string): string {
  const fromCheckout = join(packageRoot(), "native", "build", "llama.cpp", VOCAB_IN_BUNDLE);
  if (existsSync(fromCheckout)) return fromCheckout;
  const cached = join(cacheDir, "ggml-vocab-qwen2.gguf");
  if (existsSync(cached)) return cached;
  const bundle = llamaCppBundlePath();
  if (!existsSync(bundle)) throw new Error(`node-llama-cpp's llama.cpp bundle is missing (${bundle}); run npm install`);
  const repo = mkdtempSync(join(tmpdir(), "deskpilot-bundle-"));
  try {
    execFileSync("git", ["clone", "-q", "--no-checkout", bundle, repo], { stdio: ["ignore", "ignore", "pipe"] });
    const bytes = execFileSync("git", ["-C", repo, "show", `HEAD:${VOCAB_IN_BUNDLE}`], { maxBuffer: 64 << 20 });
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${cached}.partial`, bytes);
    renameSync(`${cached}.partial`, cached);
    return cached;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === "ENOENT") throw new Error("extracting the Qwen2 tokenizer from node-llama-cpp's bundle needs git; install git", { cause: error });
    throw error;
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

/** The DeskPilot package root (from source or from dist/). */
export function packageRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the DeskPilot package root");
    dir = up;
  }
  return dir;
}
