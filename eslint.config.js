// Lint for the whole tree, and the house style's import-direction rule (STYLE.md, "Layout and
// dependency direction") enforced by the tool rather than by memory:
//   agent/, native/  never import `electron` (or `electron/*`), electron/ or renderer/ code;
//   renderer/        never imports `electron`, and takes from agent/ only types (`import type`).
//   agent/<folder>   imports only from the folders below it (lint/agentLayers.js: the order).
// test/unit/importDirection.test.ts plants violations and fails if these rules go away.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import { agentLayersPlugin } from "./lint/agentLayers.js";

const sourceFiles = ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"];

// Node's globals for the plain-JS launchers and scripts (TS files are checked by tsc instead).
const nodeGlobals = Object.fromEntries(
  [
    "process",
    "console",
    "Buffer",
    "URL",
    "URLSearchParams",
    "AbortController",
    "AbortSignal",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "setImmediate",
    "clearImmediate",
    "queueMicrotask",
    "structuredClone",
    "performance",
    "fetch",
    "TextEncoder",
    "TextDecoder",
    "globalThis",
  ].map((name) => [name, "readonly"]),
);

// Playwright's page.evaluate callbacks in JS scripts and tests run in the page, not in Node.
const pageGlobals = Object.fromEntries(
  [
    "window",
    "document",
    "navigator",
    "screen",
    "location",
    "innerWidth",
    "innerHeight",
    "outerWidth",
    "outerHeight",
    "devicePixelRatio",
    "getComputedStyle",
    "requestAnimationFrame",
    "HTMLElement",
    "HTMLCanvasElement",
    "HTMLInputElement",
  ].map((name) => [name, "readonly"]),
);

const electronPackage = "the `electron` package is imported only under electron/ (STYLE.md: the agent core stays free of Electron)";
const electronFolder = "electron/ is the composition root: agent/ and native/ never depend on it";
const rendererFolder = "renderer/ is the UI: agent/ and native/ never depend on it";

/** agent/ and native/ run in plain Node: no Electron, no UI, not even as types. */
const coreImportDirection = {
  "@typescript-eslint/no-restricted-imports": [
    "error",
    {
      paths: [{ name: "electron", message: electronPackage }],
      patterns: [
        { group: ["electron/*"], message: electronPackage },
        { group: ["**/electron", "**/electron/**", "!electron", "!electron/*"], message: electronFolder },
        { group: ["**/renderer", "**/renderer/**"], message: rendererFolder },
      ],
    },
  ],
  // `await import(...)` and `require(...)` load modules too; no-restricted-imports does not see them.
  "no-restricted-syntax": [
    "error",
    ...["ImportExpression > Literal.source", "CallExpression[callee.name='require'] > Literal.arguments:first-child"].flatMap((loaded) => [
      { selector: `${loaded}[value=/^electron($|[\\u002F])/]`, message: electronPackage },
      { selector: `${loaded}[value=/[\\u002F]electron($|[\\u002F])/]`, message: electronFolder },
      { selector: `${loaded}[value=/(^|[\\u002F])renderer($|[\\u002F])/]`, message: rendererFolder },
    ]),
  ],
};

/**
 * An effect's return value is its cleanup: `useEffect(() => el.scrollIntoView())` hands React
 * whatever the call returns (a Promise in current Chromium), which React then calls on unmount
 * and the whole panel goes blank. Effects take a block body; `() => void f()` says "nothing".
 */
const effectReturnsItsCleanup = {
  selector:
    ":matches(CallExpression[callee.name=/^use(Layout|Insertion)?Effect$/], CallExpression[callee.property.name=/^use(Layout|Insertion)?Effect$/]) > ArrowFunctionExpression.arguments:first-child[expression=true]:not([body.operator='void'])",
  message: "an effect's arrow returns its body's value, which React calls as the cleanup; use a block body `() => { … }`",
};

/** renderer/ talks to the app only through the typed client API: agent/ types yes, agent/ code no. */
const rendererImportDirection = {
  "@typescript-eslint/no-restricted-imports": [
    "error",
    {
      paths: [{ name: "electron", message: "the renderer never imports `electron`; use the typed client API (preload / WebSocket)" }],
      patterns: [
        {
          group: ["electron/*"],
          message: "the renderer never imports `electron`; use the typed client API (preload / WebSocket)",
        },
        {
          group: ["**/agent", "**/agent/**"],
          allowTypeImports: true,
          message: "renderer/ may import only types from agent/ (`import type { … }`); call the service through the client API",
        },
      ],
    },
  ],
  "no-restricted-syntax": [
    "error",
    {
      selector: "ImportExpression[source.value=/(^|[\\u002F])agent($|[\\u002F])|^electron($|[\\u002F])/]",
      message: "renderer/ never loads agent/ code or `electron` at run time; use the typed client API",
    },
    effectReturnsItsCleanup,
  ],
  // `import { type X } from "…"` still loads the module under verbatimModuleSyntax; `import type` does not.
  "@typescript-eslint/no-import-type-side-effects": "error",
};

export default defineConfig(
  {
    ignores: ["dist/", "node_modules/", "native/build/", "release/", "out/", ".deskpilot-test/", "test/fixtures/lint/"],
  },
  {
    files: sourceFiles,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: nodeGlobals },
    rules: {
      // Leading-underscore names mark parameters a port's signature requires but a fake ignores.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // Rules that need the types: a promise nobody awaits loses its rejection (an action that
    // failed reads as done), a promise handed where a callback's void is expected runs unawaited,
    // and a switch over a union that misses a member is a case the code forgot.
    files: ["**/*.{ts,tsx,mts,cts}"],
    // vite.config.ts is in no tsconfig: the project service opens it on its own.
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ["vite.config.ts"] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": [
        "error",
        // node:test's test() and describe() return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["test", "describe", "it", "suite", "before", "after", "beforeEach", "afterEach"] },
          ],
        },
      ],
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
      // A caught or stored `unknown` is rethrown as it came; a string or plain object thrown is the bug.
      "@typescript-eslint/only-throw-error": ["error", { allowThrowingUnknown: true }],
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    ignores: ["agent/**", "native/**"],
    languageOptions: { globals: { ...nodeGlobals, ...pageGlobals } },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", exports: "writable", __dirname: "readonly", __filename: "readonly" },
    },
  },
  {
    files: ["agent/**/*.{ts,tsx,mts,cts,js,mjs,cjs}", "native/**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    rules: coreImportDirection,
  },
  {
    files: ["agent/**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    plugins: { deskpilot: agentLayersPlugin },
    rules: { "deskpilot/agent-layers": "error" },
  },
  {
    files: ["renderer/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"],
    rules: rendererImportDirection,
  },
  {
    // The two classic hooks rules: hooks called in the same order on every render, and an
    // effect's dependency list naming everything it reads (a stale closure otherwise shows the
    // panel an old run). The React Compiler rules of the plugin's newer presets are not taken:
    // the panel is not compiled with it.
    files: ["renderer/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
);
