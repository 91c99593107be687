import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppState } from "./AppState.js";
import type { DeskPilotClient } from "../client/DeskPilotClient.js";
import { createDisplaysSlice } from "./displaysSlice.js";
import { createCaptureSlice } from "./captureSlice.js";
import { createActionSlice } from "./actionSlice.js";
import { createNoticesSlice } from "./noticesSlice.js";
import { createRunsSlice } from "./runsSlice.js";
import { createHistorySlice } from "./historySlice.js";
import { createModelsSlice } from "./modelsSlice.js";
import { createSettingsSlice } from "./settingsSlice.js";
import { createMacrosSlice } from "./macrosSlice.js";
import { createPermissionsSlice } from "./permissionsSlice.js";
import { createConnectionSlice } from "./connectionSlice.js";

/** The panel's store over one client, with the service's events wired into the slices. */
export function createAppStore(client: DeskPilotClient): { store: StoreApi<AppState>; dispose: () => void } {
  const store = createStore<AppState>()((...a) => ({
    ...createDisplaysSlice(client)(...a),
    ...createCaptureSlice(client)(...a),
    ...createActionSlice(client)(...a),
    ...createNoticesSlice(client)(...a),
    ...createRunsSlice(client)(...a),
    ...createHistorySlice(client)(...a),
    ...createModelsSlice(client)(...a),
    ...createSettingsSlice(client)(...a),
    ...createMacrosSlice(client)(...a),
    ...createPermissionsSlice(client)(...a),
    ...createConnectionSlice(client)(...a),
  }));
  const unsubscribe = client.onEvent((event) => {
    const state = store.getState();
    if (event.type === "displays-changed") state.setDisplays(event.displays);
    else if (event.type === "error") state.addNotice(event.error);
    else if (event.type === "macro-step" || event.type === "macro-state") state.applyMacroEvent(event);
    // A replay's question goes to the Macros screen's dialog, a run's to the Task screen's: the event names who asked.
    else if ((event.type === "confirm-request" || event.type === "confirm-answered") && event.source === "macro") state.applyMacroEvent(event);
    else if (event.type === "run-state") {
      state.onRunState(event);
      if (event.state === "finished") {
        // A run that ends belongs in History's list, and may be one to make a macro from.
        state.runListOnRunEnded();
        state.macroRunChoicesOnRunEnded();
      }
    } else if (event.type === "run-step") state.onRunStep(event);
    else if (event.type === "run-phase") state.onRunPhase(event);
    else if (event.type === "run-frame") state.onRunFrame(event);
    else if (event.type === "confirm-request") state.onConfirmRequest(event);
    else if (event.type === "confirm-answered") state.onConfirmAnswered(event);
    else if (event.type === "model-progress") state.onModelProgress(event);
    else if (event.type === "permissions") state.setPermissionGuidance(event.guidance);
  });
  let wasDown = false;
  const unwatch = client.onConnection((connection) => {
    store.getState().setConnection(connection);
    if (connection === "disconnected") wasDown = true;
    else if (connection === "connected" && wasDown) {
      wasDown = false;
      store.getState().refreshAfterReconnect();
    }
  });
  return {
    store,
    dispose: () => {
      unsubscribe();
      unwatch();
    },
  };
}
