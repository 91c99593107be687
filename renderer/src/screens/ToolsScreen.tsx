import { DisplaysPanel } from "../components/DisplaysPanel.js";
import { ActionPanel } from "../components/ActionPanel.js";
import { CapturePanel } from "../components/CapturePanel.js";

/** What the agent sees and one action at a time: for checking a setup by hand. */
export function ToolsScreen() {
  return (
    <>
      <DisplaysPanel />
      <ActionPanel />
      <CapturePanel />
    </>
  );
}
