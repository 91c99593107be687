import { StopHotkey } from "../inputHook/StopHotkey.js";
import { noGlobalInput, stopBinding, type DisplaySession } from "../platform/displaySession.js";

/**
 * The global stop key for a run or a replay the CLI starts, and the line that says how to stop
 * it. Acting natively on Wayland (wlroots or the desktop's portal) no program hears keys pressed
 * in other windows, and a hook under XWayland would miss every key pressed in a native one:
 * there the line names the replacements instead (Ctrl+C, a desktop key binding that sends the
 * same SIGINT).
 */
export async function startStopKey(o: {
  readonly session: DisplaySession;
  /** False under --no-hotkey or --dry-run. */
  readonly wanted: boolean;
  readonly key: string;
  readonly onStop: (reason: string) => void;
  readonly err: NodeJS.WritableStream;
}): Promise<StopHotkey | undefined> {
  if (noGlobalInput(o.session)) {
    if (o.wanted) {
      o.err.write(
        `stop with Ctrl+C here, or a key bound in your desktop to stop runs and replays (${stopBinding(o.session.compositor?.family)}): ` +
          "Wayland gives no global stop key or fail-safe corner\n",
      );
    }
    return undefined;
  }
  if (!o.wanted) return undefined;
  const hotkey = await StopHotkey.start(o.onStop, o.key).catch((e: Error) => {
    o.err.write(`warning: no global stop key (${e.message}); stop with Ctrl+C or a screen corner\n`);
    return undefined;
  });
  if (hotkey) o.err.write(`press ${o.key} anywhere, or push the pointer into a screen corner, to stop\n`);
  return hotkey;
}
