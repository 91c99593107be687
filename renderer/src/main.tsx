import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App.js";
import { NoTransport } from "./components/NoTransport.js";
import { StoreProvider } from "./store/StoreContext.js";
import { createAppStore } from "./store/createAppStore.js";
import { createDeskPilotClient } from "./client/DeskPilotClient.js";
import { ipcTransport } from "./client/ipcTransport.js";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);
// Browser mode (a WebSocket transport to `deskpilot serve`) will be chosen here too.
const api = window.deskpilot;
if (api) {
  const { store } = createAppStore(createDeskPilotClient(ipcTransport(api)));
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
} else {
  root.render(<NoTransport />);
}
