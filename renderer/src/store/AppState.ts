import type { StateCreator } from "zustand";
import type { DisplaysSlice } from "./displaysSlice.js";
import type { CaptureSlice } from "./captureSlice.js";
import type { ActionSlice } from "./actionSlice.js";
import type { NoticesSlice } from "./noticesSlice.js";
import type { RunsSlice } from "./runsSlice.js";
import type { HistorySlice } from "./historySlice.js";
import type { ModelsSlice } from "./modelsSlice.js";
import type { SettingsSlice } from "./settingsSlice.js";
import type { MacrosSlice } from "./macrosSlice.js";
import type { PermissionsSlice } from "./permissionsSlice.js";
import type { ConnectionSlice } from "./connectionSlice.js";
import type { DeskPilotClient } from "../client/DeskPilotClient.js";

/** The whole panel state: one slice per feature. */
export type AppState = DisplaysSlice &
  CaptureSlice &
  ActionSlice &
  NoticesSlice &
  RunsSlice &
  HistorySlice &
  ModelsSlice &
  SettingsSlice &
  MacrosSlice &
  PermissionsSlice &
  ConnectionSlice;

/** A slice creator that gets the client it talks to, so slices never reach for globals. */
export type SliceCreator<S> = (client: DeskPilotClient) => StateCreator<AppState, [], [], S>;
