import type { ErrorInfo } from "../../../electron/shared/ipcContract.js";
import type { SliceCreator } from "./AppState.js";

/** Errors the service reports on its own (not as the answer to a click), shown until dismissed. */
export interface NoticesSlice {
  notices: ErrorInfo[];
  addNotice(error: ErrorInfo): void;
  dismissNotice(index: number): void;
}

// Enough to see a burst of failures without an unbounded list.
const MAX_NOTICES = 5;

export const createNoticesSlice: SliceCreator<NoticesSlice> = () => (set) => ({
  notices: [],
  addNotice(error) {
    set((s) => ({ notices: [...s.notices, error].slice(-MAX_NOTICES) }));
  },
  dismissNotice(index) {
    set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
  },
});
