import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useAppStore } from "../store/StoreContext.js";
import { Notices } from "./Notices.js";
import { ErrorBoundary } from "./ErrorBoundary.js";
import { ConnectionBanner } from "./ConnectionBanner.js";
import { PermissionsNotice } from "./PermissionsNotice.js";
import { SCREENS, type ScreenId } from "../screens/screens.js";
import { TaskScreen } from "../screens/TaskScreen.js";
import { HistoryScreen } from "../screens/HistoryScreen.js";
import { ModelsScreen } from "../screens/ModelsScreen.js";
import { MacrosScreen } from "../screens/MacrosScreen.js";
import { SettingsScreen } from "../screens/SettingsScreen.js";
import { ToolsScreen } from "../screens/ToolsScreen.js";

const SCREEN_VIEWS: Record<ScreenId, () => React.JSX.Element> = {
  task: TaskScreen,
  history: HistoryScreen,
  models: ModelsScreen,
  macros: MacrosScreen,
  settings: SettingsScreen,
  tools: ToolsScreen,
};

/** The control panel: one tab per screen, keyboard usable (arrow keys move between tabs). */
export function App() {
  const loadDisplays = useAppStore((s) => s.loadDisplays);
  const [screen, setScreen] = useState<ScreenId>("task");
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  useEffect(() => {
    void loadDisplays();
  }, [loadDisplays]);

  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = (index + step + SCREENS.length) % SCREENS.length;
    setScreen(SCREENS[next]!.id);
    tabs.current[next]?.focus();
  };
  const View = SCREEN_VIEWS[screen];
  const title = SCREENS.find((s) => s.id === screen)!.title;

  return (
    <main>
      <h1>DeskPilot</h1>
      <nav role="tablist" aria-label="Screens" className="tabs">
        {SCREENS.map((s, i) => (
          <button
            key={s.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${s.id}`}
            aria-selected={screen === s.id}
            aria-controls={`screen-${s.id}`}
            tabIndex={screen === s.id ? 0 : -1}
            onClick={() => setScreen(s.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {s.title}
          </button>
        ))}
      </nav>
      <ConnectionBanner />
      <PermissionsNotice />
      <Notices />
      <div role="tabpanel" id={`screen-${screen}`} aria-labelledby={`tab-${screen}`}>
        {/* Keyed by screen: a failed screen starts afresh when the user comes back to it. */}
        <ErrorBoundary key={screen} what={`The ${title} screen`} actions={screen === "task" ? [] : [{ label: "Back to Task", run: () => setScreen("task") }]}>
          <View />
        </ErrorBoundary>
      </div>
    </main>
  );
}
