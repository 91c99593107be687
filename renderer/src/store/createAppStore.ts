import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppState } from "./AppState.js";
import type { DeskPilotClient } from "../client/DeskPilotClient.js";
import { createDisplaysSlice } from "./displaysSlice.js";
import { createCaptureSlice } from "./captureSlice.js";
import { createActionSlice } from "./actionSlice.js";

/** The panel's store over one client, with the service's events wired into the slices. */
export function createAppStore(client: DeskPilotClient): { store: StoreApi<AppState>; dispose: () => void } {
  const store = createStore<AppState>()((...a) => ({
    ...createDisplaysSlice(client)(...a),
    ...createCaptureSlice(client)(...a),
    ...createActionSlice(client)(...a),
  }));
  const unsubscribe = client.onEvent((event) => {
    if (event.type === "displays-changed") store.getState().setDisplays(event.displays);
  });
  return { store, dispose: unsubscribe };
}
