import type { ActionOutcome, ErrorInfo } from "../../../electron/shared/ipcContract.js";
import type { SliceCreator } from "./AppState.js";
import { ClientError } from "../client/ClientError.js";

export interface ActionSlice {
  actionText: string;
  /** On by default: the panel should not move the mouse until the user asks it to. */
  dryRun: boolean;
  actionRunning: boolean;
  actionError?: ErrorInfo;
  actionOutcome?: ActionOutcome;
  setActionText(text: string): void;
  setDryRun(dryRun: boolean): void;
  runAction(): Promise<void>;
}

export const EXAMPLE_ACTION = '{"action": "mouse_move", "coordinate": [100, 100]}';

export const createActionSlice: SliceCreator<ActionSlice> = (client) => (set, get) => ({
  actionText: EXAMPLE_ACTION,
  dryRun: true,
  actionRunning: false,
  setActionText(actionText) {
    set({ actionText });
  },
  setDryRun(dryRun) {
    set({ dryRun });
  },
  async runAction() {
    const { actionText, dryRun } = get();
    set({ actionError: undefined, actionOutcome: undefined });
    let action: unknown;
    try {
      action = JSON.parse(actionText);
    } catch (error) {
      // Syntax is checked here for a quick answer; the schema is the service's to check.
      set({ actionError: { code: "INVALID_JSON", message: `Not valid JSON: ${(error as Error).message}` } });
      return;
    }
    set({ actionRunning: true });
    try {
      set({ actionOutcome: await client.act(action, { dryRun }), actionRunning: false });
    } catch (error) {
      set({ actionError: ClientError.info(error), actionRunning: false });
    }
  },
});
