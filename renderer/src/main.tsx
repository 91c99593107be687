import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App.js";
import { NoTransport } from "./components/NoTransport.js";
import { ErrorBoundary } from "./components/ErrorBoundary.js";
import { StoreProvider } from "./store/StoreContext.js";
import { createAppStore } from "./store/createAppStore.js";
import { createDeskPilotClient } from "./client/DeskPilotClient.js";
import { ipcTransport } from "./client/ipcTransport.js";
import { wsTransport } from "./client/wsTransport.js";
import type { Transport } from "./client/Transport.js";
import { reportPanelWindow } from "./client/reportPanelWindow.js";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);
// Electron's preload API when present; in a browser, served by `deskpilot serve`, its WebSocket.
const api = window.deskpilot;
const transport: Transport | undefined = api ? ipcTransport(api) : location.protocol.startsWith("http") ? wsTransport() : undefined;
if (transport) {
  const client = createDeskPilotClient(transport);
  const { store } = createAppStore(client);
  // In a browser the panel is a window on the agent's desktop: the service keeps it out of the agent's sight.
  if (!api) reportPanelWindow(client);
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        {/* The last net: each screen has its own boundary, this one catches the tabs and notices. */}
        <ErrorBoundary what="The control panel" actions={[{ label: "Reload the panel", run: () => location.reload() }]}>
          <App />
        </ErrorBoundary>
      </StoreProvider>
    </StrictMode>,
  );
} else {
  root.render(<NoTransport />);
}
