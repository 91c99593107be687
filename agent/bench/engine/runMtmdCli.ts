import { spawn } from "node:child_process";
import { ubatchFromLog } from "./captureHostLog.js";
import { watchPeakRss } from "./peakRss.js";

/** One llama-mtmd-cli run, timed from the outside (it prints no per-phase perf in single-turn mode). */
export interface MtmdCliRun {
  readonly text: string;
  /** From the moment it starts the request (its "experimental CLI" warning) to process exit, ms. */
  readonly requestMs: number;
  /** Its own "mtmd batch encoding done in N ms". */
  readonly encodeMs: number;
  readonly loadMs: number;
  /** Peak resident memory of the process (Linux VmHWM), bytes; undefined where /proc has none. */
  readonly peakRssBytes?: number;
  /** The n_ubatch its context was created with, as it logged it. */
  readonly ubatch?: number;
  /** CPU seconds (user + system) from the request start to its last sample before exit. */
  readonly cpuSeconds?: number;
}

export interface MtmdCliArgs {
  readonly cli: string;
  /** Folder holding the ggml backends; the CLI looks for them in its working directory. */
  readonly backendDir: string;
  readonly model: string;
  readonly mmproj: string;
  readonly image: string;
  readonly prompt: string;
  readonly maxTokens: number;
  readonly threads: number;
  readonly contextSize: number;
  readonly batchSize: number;
  /** Default: batchSize. */
  readonly ubatchSize?: number;
  readonly minImageTokens: number;
  readonly maxImageTokens: number;
  readonly gpuLayers: number;
  /** A GBNF file to constrain the answer with (--grammar-file), as our engine is for the same request. */
  readonly grammarFile?: string;
}

/** Runs llama.cpp's own multimodal CLI once, greedy, and returns its output and timings. */
export function runMtmdCli(a: MtmdCliArgs): Promise<MtmdCliRun> {
  const args = [
    "-m",
    a.model,
    "--mmproj",
    a.mmproj,
    "--image",
    a.image,
    "-p",
    a.prompt,
    "-n",
    String(a.maxTokens),
    "--temp",
    "0",
    "-t",
    String(a.threads),
    "-c",
    String(a.contextSize),
    "-b",
    String(a.batchSize),
    "-ub",
    String(a.ubatchSize ?? a.batchSize),
    "--image-min-tokens",
    String(a.minImageTokens),
    "--image-max-tokens",
    String(a.maxImageTokens),
    "-ngl",
    a.gpuLayers < 0 ? "999" : String(a.gpuLayers),
    "--no-warmup",
    ...(a.grammarFile ? ["--grammar-file", a.grammarFile] : []),
  ];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(a.cli, args, { cwd: a.backendDir, stdio: ["ignore", "pipe", "pipe"] });
    const peak = child.pid === undefined ? undefined : watchPeakRss(child.pid);
    let stdout = "";
    let stderr = "";
    let requestStart: number | undefined;
    let cpuAtStart: number | undefined;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (requestStart === undefined && stderr.includes("This is an experimental CLI")) {
        requestStart = performance.now();
        cpuAtStart = peak?.cpuSeconds();
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ended = performance.now();
      const usage = peak?.stop();
      if (code !== 0 || requestStart === undefined) {
        reject(new Error(`llama-mtmd-cli exited with ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      const encode = /mtmd batch encoding done in (\d+) ms/.exec(stderr);
      resolve({
        text: stdout.replace(/^\n+/, "").replace(/\n+$/, ""),
        requestMs: ended - requestStart,
        encodeMs: encode ? Number(encode[1]) : Number.NaN,
        loadMs: requestStart - started,
        peakRssBytes: usage?.peakRssBytes,
        cpuSeconds: usage?.cpuSeconds !== undefined && cpuAtStart !== undefined ? usage.cpuSeconds - cpuAtStart : undefined,
        ubatch: ubatchFromLog(stderr),
      });
    });
  });
}
