import type { CoreService, CaptureResult } from "./DeskPilotService.js";
import type { ScreenSource } from "../ports/ScreenSource.js";
import type { InputDriver } from "../ports/InputDriver.js";
import type { ComputerAction } from "../actions/ComputerAction.js";
import { executeAction, type ActionOutcome } from "../actions/executeAction.js";
import type { Display } from "../capture/Display.js";
import { EventHub } from "./EventHub.js";
import { encodePng } from "../capture/encodePng.js";

/** The service over this machine's screen and input, wired from injected ports. */
export class LocalService extends EventHub implements CoreService {
  private disposed = false;

  constructor(
    private readonly screen: ScreenSource,
    private readonly input: InputDriver,
  ) {
    super();
  }

  listDisplays(): Promise<Display[]> {
    return this.screen.listDisplays();
  }

  async capture(displayId?: string): Promise<CaptureResult> {
    const c = await this.screen.capture(displayId);
    const png = await encodePng(c);
    return { display: c.display, width: c.width, height: c.height, png, ms: c.ms };
  }

  async act(action: ComputerAction, options: { dryRun?: boolean } = {}): Promise<ActionOutcome> {
    return executeAction(action, this.input, await this.screen.listDisplays(), options);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }
}
