import type { ConnectionState } from "../client/Transport.js";
import type { SliceCreator } from "./AppState.js";

export interface ConnectionSlice {
  /** Whether the service is reachable; the banner shows while it is not. */
  connection: ConnectionState;
  /** Set by the transport's watcher (createAppStore). */
  setConnection(state: ConnectionState): void;
  /** Asks the transport to try again now rather than after its backoff. */
  reconnectNow(): void;
  /**
   * After a reconnection, asks the service again for what the panel shows: it may have restarted
   * (runs gone, settings edited) or gone on without telling this panel (events missed meanwhile).
   */
  refreshAfterReconnect(): void;
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (client) => (set, get) => ({
  connection: "connecting",
  setConnection(connection) {
    set({ connection });
  },
  reconnectNow() {
    client.reconnectNow();
  },
  refreshAfterReconnect() {
    const s = get();
    void s.loadDisplays();
    void s.loadActiveRuns();
    // Only what was loaded already: a screen not yet visited loads when it opens.
    if (s.runList) void s.loadRunList();
    if (s.modelList) void s.loadModels();
    if (s.macroList) void s.loadMacroList();
    if (s.macroRunChoices) void s.loadMacroRunChoices();
    if (s.loadedSettings) void s.loadSettings();
  },
});
