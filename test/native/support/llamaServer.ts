import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../support/repoRoot.js";
import { which } from "../../support/prerequisites.js";

const buildDir = join(repoRoot, "native", "build", "llama-server");
const binary = join(buildDir, "llama-server");

/**
 * llama.cpp's llama-server from the same source as the vision addon, built on first use
 * (about 5 minutes on 2 cores: only the server's sources; ggml, llama and mtmd are reused).
 * Returns the binary, or why it cannot be had (for the test's skip reason).
 */
export function ensureLlamaServer(log: (line: string) => void): { path: string } | { missing: string } {
  if (existsSync(binary)) return { path: binary };
  const infoFile = join(repoRoot, "native", "build", "build-info.json");
  const addonBuild = join(repoRoot, "native", "build", "cmake");
  if (!existsSync(infoFile) || !existsSync(join(addonBuild, "libdp_mtmd.a"))) return { missing: "the vision addon is not built (run npm run build:native)" };
  if (!which("cmake")) return { missing: "cmake not installed" };
  const info = JSON.parse(readFileSync(infoFile, "utf8")) as { binsDir: string | null };
  if (!info.binsDir) return { missing: "the addon was built from source; llama-server needs node-llama-cpp's prebuilt libraries" };
  log("building llama-server from the addon's llama.cpp source (first use only)");
  const run = (args: string[]) => spawnSync("cmake", args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const configure = run([
    "-S",
    join(repoRoot, "test", "native", "support", "llama-server"),
    "-B",
    buildDir,
    "-DCMAKE_BUILD_TYPE=Release",
    `-DLLAMA_CPP_DIR=${join(repoRoot, "native", "build", "llama.cpp")}`,
    `-DNLC_BINS_DIR=${info.binsDir}`,
    `-DADDON_BUILD_DIR=${addonBuild}`,
  ]);
  if (configure.status !== 0) throw new Error(`configuring llama-server failed: ${configure.stderr.slice(-2000)}`);
  const build = run(["--build", buildDir, "-j", String(cpus().length), "--target", "llama-server"]);
  if (build.status !== 0 || !existsSync(binary)) throw new Error(`building llama-server failed: ${build.stderr.slice(-2000)}`);
  return { path: binary };
}

export interface RunningServer {
  readonly base: string;
  readonly log: () => string;
  stop(): Promise<void>;
}

/** Starts llama-server on a free loopback port and waits for /health; `stop` ends it. */
export async function startLlamaServer(path: string, args: string[]): Promise<RunningServer> {
  const port = await freePort();
  const info = JSON.parse(readFileSync(join(repoRoot, "native", "build", "build-info.json"), "utf8")) as { binsDir: string };
  // cwd: the prebuilt libggml loads its CPU backends from the working directory
  const child: ChildProcess = spawn(path, ["--host", "127.0.0.1", "--port", String(port), ...args], { cwd: info.binsDir, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`llama-server exited with ${child.exitCode}: ${log.slice(-2000)}`);
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`llama-server did not become healthy within 60 s: ${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    log: () => log,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
