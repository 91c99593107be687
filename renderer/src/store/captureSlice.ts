import type { Display, ErrorInfo } from "../../../electron/shared/ipcContract.js";
import type { SliceCreator } from "./AppState.js";
import { ClientError } from "../client/ClientError.js";

/** The last capture as the panel shows it: an object URL over the PNG bytes. */
export interface ShownCapture {
  readonly url: string;
  readonly display: Display;
  readonly width: number;
  readonly height: number;
  readonly ms: number;
}

export interface CaptureSlice {
  capture?: ShownCapture;
  capturing: boolean;
  captureError?: ErrorInfo;
  takeCapture(displayId?: string): Promise<void>;
}

export const createCaptureSlice: SliceCreator<CaptureSlice> = (client) => (set, get) => ({
  capturing: false,
  async takeCapture(displayId) {
    set({ capturing: true, captureError: undefined });
    try {
      const result = await client.capture(displayId);
      // Copy into a fresh ArrayBuffer-backed array: IPC may hand back a view on a shared buffer.
      const url = URL.createObjectURL(new Blob([new Uint8Array(result.png)], { type: "image/png" }));
      const previous = get().capture;
      if (previous) URL.revokeObjectURL(previous.url);
      const { display, width, height, ms } = result;
      set({ capture: { url, display, width, height, ms }, capturing: false });
    } catch (error) {
      set({ captureError: ClientError.info(error), capturing: false });
    }
  },
});
