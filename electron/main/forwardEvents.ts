import type { WebContents } from "electron";
import type { ServiceEvents } from "../../agent/service/DeskPilotService.js";
import { EVENT_CHANNEL } from "../shared/ipcContract.js";

/** Pushes every service event to our window's page; returns the function that stops it. */
export function forwardEvents(service: ServiceEvents, target: () => WebContents | undefined): () => void {
  return service.onAny((event) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}
