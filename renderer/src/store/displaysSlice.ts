import type { Display, ErrorInfo } from "../../../electron/shared/ipcContract.js";
import type { SliceCreator } from "./AppState.js";
import { ClientError } from "../client/ClientError.js";

export interface DisplaysSlice {
  /** Undefined until the first answer. */
  displays?: Display[];
  displaysLoading: boolean;
  displaysError?: ErrorInfo;
  loadDisplays(): Promise<void>;
  setDisplays(displays: Display[]): void;
}

export const createDisplaysSlice: SliceCreator<DisplaysSlice> = (client) => (set) => ({
  displaysLoading: false,
  async loadDisplays() {
    set({ displaysLoading: true, displaysError: undefined });
    try {
      set({ displays: await client.listDisplays(), displaysLoading: false });
    } catch (error) {
      set({ displaysError: ClientError.info(error), displaysLoading: false });
    }
  },
  setDisplays(displays) {
    set({ displays, displaysError: undefined });
  },
});
