import { app, session, type WebContents } from "electron";
import { isAllowedUrl } from "./isAllowedUrl.js";

/**
 * App-wide guards, registered once before `ready`: no navigation, no new windows, no
 * webviews, no permissions, and no request outside the panel's own files. They apply to
 * every web contents, so a window added later cannot forget them.
 */
export function setupSecurity(pageDir: string): void {
  app.on("web-contents-created", (_event, contents) => guardContents(contents));
  void app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.webRequest.onBeforeRequest((details, callback) => {
      const cancel = !isAllowedUrl(details.url, pageDir);
      if (cancel) console.warn(`deskpilot: blocked a request for ${details.url}`);
      callback({ cancel });
    });
  });
}

function guardContents(contents: WebContents): void {
  contents.on("will-navigate", (event) => event.preventDefault());
  contents.on("will-redirect", (event) => event.preventDefault());
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
}
