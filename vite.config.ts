import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { CONTENT_SECURITY_POLICY } from "./electron/main/contentSecurityPolicy.js";

const CSP_PLACEHOLDER = "%DESKPILOT_CSP%";

/** Writes the one CSP (shared with the Electron main process) into the page's meta tag. */
function contentSecurityPolicy(): Plugin {
  return {
    name: "deskpilot-csp",
    transformIndexHtml(html) {
      // A page without its policy must not build: it would run with none.
      if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`renderer/index.html lacks the ${CSP_PLACEHOLDER} meta tag`);
      return html.replace(CSP_PLACEHOLDER, CONTENT_SECURITY_POLICY);
    },
  };
}

// The control panel: built to dist/renderer and loaded from file:// by Electron, so paths
// are relative. esbuild's own JSX transform stands in for @vitejs/plugin-react.
export default defineConfig({
  root: "renderer",
  base: "./",
  plugins: [contentSecurityPolicy()],
  esbuild: { jsx: "automatic" },
  build: {
    outDir: "../dist/renderer",
    emptyOutDir: true,
    target: "chrome120",
    sourcemap: true,
    // Inlined assets would become data: URLs the CSP has to allow for scripts/styles.
    assetsInlineLimit: 0,
    // The panel, and the stop/pause widget Electron shows while a run acts (dist/renderer/widget/).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL("./renderer/index.html", import.meta.url)),
        widget: fileURLToPath(new URL("./renderer/widget/index.html", import.meta.url)),
      },
    },
  },
});
