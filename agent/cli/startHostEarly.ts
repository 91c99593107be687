import { startEngineHostEarly } from "../vision/HostChannel.js";

/** The commands that load the local model as their first real work. */
const LOADS_LOCAL_MODEL = new Set(["ground", "ask", "run"]);

/**
 * Starts the engine host before the CLI loads its modules, when `argv` names a command that will
 * load a local model (--model and --mmproj, or --model-id): the host's Node start and addon load then
 * overlap the command's imports and its reading of the model headers (issue 16). Anything else
 * (help, an endpoint, the oracle, a bare `--version`) starts nothing. An early host nobody takes
 * ends with the process (startEngineHostEarly), so a usage error costs no more than it did.
 */
export function startHostEarlyFor(argv: readonly string[]): boolean {
  if (!wantsEarlyHost(argv)) return false;
  startEngineHostEarly();
  return true;
}

/** Whether `argv` (process.argv) names a command that will load a local model: --model and --mmproj, or a catalog --model-id. */
export function wantsEarlyHost(argv: readonly string[]): boolean {
  const args = argv.slice(2);
  const has = (flag: string) => args.some((a) => a === flag || a.startsWith(`${flag}=`));
  const command = args.find((a) => !a.startsWith("-"));
  if (!command || !LOADS_LOCAL_MODEL.has(command)) return false;
  const local = (has("--model") && has("--mmproj")) || has("--model-id");
  return local && !has("--endpoint") && !has("--oracle") && !has("--help") && !args.includes("-h");
}
