import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../../bin/deskpilot.js", import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `deskpilot` CLI as a user would, in its own process. */
export function deskpilot(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { code?: number | string; signal?: NodeJS.Signals }) | null;
      resolve({
        code: e ? (typeof e.code === "number" ? e.code : null) : 0,
        signal: e?.signal ?? null,
        stdout,
        stderr,
      });
    });
  });
}

/** Runs the CLI with --json and returns the parsed document, failing loudly on a non-zero exit. */
export async function deskpilotJson<T>(args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  const r = await deskpilot([...args, "--json"], env);
  if (r.code !== 0) throw new Error(`deskpilot ${args.join(" ")} exited ${r.code ?? r.signal}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
