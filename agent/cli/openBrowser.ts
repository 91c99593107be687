import { spawn } from "node:child_process";

/** How the opener starts a program (tests pass a fake). Resolves with its exit code, or rejects when it cannot start. */
export type Launch = (command: string, args: readonly string[]) => Promise<number | null>;

// An opener that is still running after a few seconds has handed the URL on (xdg-open may stay
// with the browser it started); one that fails does so at once.
const launchDetached: Launch = (command, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { stdio: "ignore", detached: process.platform !== "win32" });
    const handedOn = setTimeout(() => resolve(null), 3_000);
    handedOn.unref();
    child.once("error", (error) => (clearTimeout(handedOn), reject(error)));
    child.once("exit", (code) => (clearTimeout(handedOn), resolve(code)));
    child.unref();
  });

/** The program that opens a URL in the user's browser on each platform. */
function opener(url: string, platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === "darwin") return { command: "open", args: [url] };
  // `start`'s first quoted argument is a window title (empty here); the URL (base64url token, no & ^) is the second.
  if (platform === "win32") return { command: "cmd", args: ["/c", "start", "", url] };
  return { command: "xdg-open", args: [url] };
}

/**
 * Opens `url` in the default browser (xdg-open, open, start). Resolves undefined when it did,
 * else with why not, for the user to read beside the URL they can open by hand.
 */
export async function openBrowser(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  launch: Launch = launchDetached,
): Promise<string | undefined> {
  if (platform === "linux" && !env["DISPLAY"] && !env["WAYLAND_DISPLAY"])
    return "there is no display to open a browser on (DISPLAY and WAYLAND_DISPLAY are unset)";
  const { command, args } = opener(url, platform);
  try {
    const code = await launch(command, args);
    return code === 0 || code === null ? undefined : `${command} failed (exit ${code}): no default browser is set`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? `${command} is not installed` : `${command} did not start (${code ?? (error as Error).message})`;
  }
}
