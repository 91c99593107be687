import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** A full garbage collection now, without starting node with --expose-gc: what only weakly held objects would not survive. */
export function collectGarbage(): void {
  gc();
}
