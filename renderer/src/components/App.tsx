import { useEffect } from "react";
import { useAppStore } from "../store/StoreContext.js";
import { DisplaysPanel } from "./DisplaysPanel.js";
import { CapturePanel } from "./CapturePanel.js";
import { ActionPanel } from "./ActionPanel.js";
import { Notices } from "./Notices.js";

/** The control panel: what the agent sees and one action at a time, for now. */
export function App() {
  const loadDisplays = useAppStore((s) => s.loadDisplays);
  useEffect(() => {
    void loadDisplays();
  }, [loadDisplays]);

  return (
    <main>
      <h1>DeskPilot</h1>
      <Notices />
      <DisplaysPanel />
      <ActionPanel />
      <CapturePanel />
    </main>
  );
}
