// Where the installed node-llama-cpp keeps its llama.cpp source bundle and prebuilt libraries.
import { existsSync, readFileSync } from "node:fs";
import { arch, platform } from "node:os";
import { join } from "node:path";

/** node-llama-cpp's name for this machine's prebuilt CPU package (the addon links against it). */
export function nlcPlatform() {
  const os = platform() === "darwin" ? "mac" : platform() === "win32" ? "win" : "linux";
  const a = arch() === "arm" ? "armv7l" : arch();
  return os === "mac" && a === "arm64" ? "mac-arm64-metal" : `${os}-${a}`;
}

/** Paths for the node-llama-cpp installed under `root`/node_modules. */
export function nodeLlamaCppPaths(root, variant = nlcPlatform()) {
  const pkgDir = join(root, "node_modules", "node-llama-cpp");
  if (!existsSync(join(pkgDir, "package.json"))) throw new Error("node-llama-cpp is not installed; run npm install");
  const { version } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const info = JSON.parse(readFileSync(join(pkgDir, "llama", "llama.cpp.info.json"), "utf8"));
  const binsDir = join(root, "node_modules", "@node-llama-cpp", variant, "bins", variant);
  return {
    version,
    release: info.tag,
    platform: variant,
    bundle: join(pkgDir, "llama", "gitRelease.bundle"),
    binsDir: existsSync(binsDir) ? binsDir : null,
  };
}
