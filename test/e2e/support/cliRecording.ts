import { spawn } from "node:child_process";
import { BIN } from "../../support/cli.js";

/** A `deskpilot macro record` process that is listening; `ended` resolves when it exits (after the stop key). */
export interface CliRecording {
  readonly ended: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts `deskpilot macro record OUT --name NAME --json` on `env`'s display and waits until it records. */
export async function startCliRecording(out: string, name: string, env: NodeJS.ProcessEnv): Promise<CliRecording> {
  const recorder = spawn(process.execPath, [BIN, "macro", "record", out, "--name", name, "--json"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  recorder.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
  const exited = new Promise<number | null>((resolve) => recorder.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    recorder.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
      if (stderr.includes("recording:")) resolve();
    });
    void exited.then(() => reject(new Error(`recorder exited early: ${stderr}`)));
  });
  return { ended: exited.then((code) => ({ code, stdout, stderr })) };
}
