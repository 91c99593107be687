/**
 * Hands an HTML document to the browser as a download. The panel's CSP stays strict: the
 * report is never rendered inside the panel (no frame, no inline styles), it is saved as a
 * file the user opens in their browser, where it needs nothing from the network. Works the
 * same in Electron (its download prompt) and in a browser tab.
 */
export function saveHtmlFile(name: string, html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy by the next minute; until then the URL must stay valid.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
