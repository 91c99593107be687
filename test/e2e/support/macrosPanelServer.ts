import { join } from "node:path";
import { ControlServer } from "../../../agent/server/ControlServer.js";
import { LocalService } from "../../../agent/service/LocalService.js";
import { LocalMacros } from "../../../agent/macros/LocalMacros.js";
import { ConfirmBroker } from "../../../agent/policy/ConfirmBroker.js";
import type { Display } from "../../../agent/geometry/Display.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { repoRoot } from "../../support/repoRoot.js";

/** The built control panel `deskpilot serve` serves. */
export const panelDir = join(repoRoot, "dist", "renderer");

/**
 * `deskpilot serve`'s server over a service with only the macros slice, its library in
 * `<tmp>/macros`. Its recorder hooks the X display in DISPLAY (set that first); the screen it
 * crops from and the input it would replay with are fakes.
 */
export function macrosPanelServer(tmp: string, display: Display): ControlServer {
  const screen = new FakeScreenSource([display], () => [40, 90, 160]);
  const input = new FakeInputDriver();
  const library = join(tmp, "macros");
  const confirms = new ConfirmBroker((e) => service.emit(e));
  const macros = new LocalMacros({ screen, input, library, onEvent: (e) => service.emit(e), confirms });
  const service: LocalService = new LocalService(screen, input, { macros: { api: macros, library }, confirms });
  return new ControlServer({ service, panelDir });
}
