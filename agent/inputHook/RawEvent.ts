/**
 * One global input event as the recorder child reports it. Pointer coordinates are in the
 * OS's native input space (X11: physical pixels of the root window); `time` is ms on the hook's
 * own clock (X11: the server's); `at`, when the child got it, is ms since the epoch.
 */
export type RawEvent = (
  | { readonly type: "down" | "up"; readonly time: number; readonly x: number; readonly y: number; readonly button: number; readonly clicks: number }
  | {
      readonly type: "wheel";
      readonly time: number;
      readonly x: number;
      readonly y: number;
      readonly rotation: number;
      readonly amount: number;
      readonly direction: number;
    }
  | {
      readonly type: "keydown" | "keyup";
      readonly time: number;
      readonly keycode: number;
      readonly shift: boolean;
      readonly ctrl: boolean;
      readonly alt: boolean;
      readonly meta: boolean;
    }
) & { readonly at?: number };

/** What the child writes on its stdout, one JSON object a line. */
export type ChildMessage =
  { readonly kind: "ready" } | { readonly kind: "event"; readonly event: RawEvent } | { readonly kind: "error"; readonly message: string };
