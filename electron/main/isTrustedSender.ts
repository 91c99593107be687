import type { IpcMainInvokeEvent, WebContents } from "electron";

/**
 * True only for the top frame of our own window showing our own page. Anything else (a
 * second window, a subframe, a page that somehow navigated away) is refused, since IPC
 * here moves the user's mouse.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, "sender" | "senderFrame">,
  window: { readonly webContents: WebContents } | undefined,
  pageUrl: string,
): boolean {
  if (!window || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return stripHash(frame.url) === stripHash(pageUrl);
}

function stripHash(url: string): string {
  const i = url.indexOf("#");
  return i === -1 ? url : url.slice(0, i);
}
