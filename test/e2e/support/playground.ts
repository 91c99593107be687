/// <reference lib="dom" />
import { chromium, type Browser, type Page } from "playwright-core";
import { fileURLToPath } from "node:url";

export const CHROMIUM = "/usr/bin/chromium";
const fixture = fileURLToPath(new URL("../../../../test/e2e/fixtures/playground.html", import.meta.url));

export interface CssRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlaygroundState {
  clicks: { x: number; y: number; button: number }[];
  dblclicks: number;
  contextmenus: number;
  auxclicks: number;
  drag: { from: { x: number; y: number }; to: { x: number; y: number } | null; moves: number } | null;
  scrollTop: number;
}

/** The playground page, fullscreen on one monitor of a test X server. */
export interface Playground {
  readonly page: Page;
  state(): Promise<PlaygroundState>;
  /**
   * The state, with the text field's value, once it has stopped changing: input sent through a
   * compositor (a portal, a Wayland protocol) reaches the page a moment after the sender returns.
   */
  settled(): Promise<PlaygroundState & { text: string }>;
  rect(id: string): Promise<CssRect>;
  close(): Promise<void>;
}

/**
 * Opens the playground fullscreen on the monitor whose native origin is `origin`, so the
 * page's CSS pixel (0,0) sits exactly at the monitor's origin and CSS px = logical px.
 */
export function openPlayground(display: string, origin: { x: number; y: number }, scaleFactor: number): Promise<Playground> {
  return launchPlayground({ ...process.env, DISPLAY: display }, [
    `--window-position=${origin.x},${origin.y}`,
    "--window-size=800,600",
    `--force-device-scale-factor=${scaleFactor}`,
  ]);
}

/**
 * Opens the playground fullscreen as a native Wayland client of the compositor in `env`, on
 * the output that has the focus (the compositor gives it its scale).
 */
export function openWaylandPlayground(env: NodeJS.ProcessEnv): Promise<Playground> {
  return launchPlayground(env, ["--ozone-platform=wayland"]);
}

async function launchPlayground(env: NodeJS.ProcessEnv, placement: readonly string[]): Promise<Playground> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: false,
    env,
    args: [
      ...placement,
      "--kiosk", // no "press F11 to exit full screen" bubble over the page
      "--test-type", // hides the --no-sandbox bar that would shift the page
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-gpu",
      "--disable-smooth-scrolling", // a scroll lands at once, so the test reads a settled position
      "--password-store=basic",
    ],
  });
  const context = await browser.newContext({ viewport: null });
  const page = await context.newPage();
  await page.goto(`file://${fixture}`);
  const cdp = await context.newCDPSession(page);
  const { windowId } = (await cdp.send("Browser.getWindowForTarget")) as { windowId: number };
  await cdp.send("Browser.setWindowBounds", { windowId, bounds: { windowState: "fullscreen" } });
  await page.waitForFunction(() => window.innerHeight === window.outerHeight && window.screenY === 0 && window.innerWidth === window.outerWidth);
  await page.waitForTimeout(300);
  return {
    page,
    state: () => page.evaluate(() => (window as unknown as { __state: PlaygroundState }).__state),
    settled: async () => {
      const read = () =>
        page.evaluate(() => ({
          ...(window as unknown as { __state: PlaygroundState }).__state,
          text: (document.getElementById("text") as HTMLInputElement).value,
        }));
      let last = await read();
      for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
        await page.waitForTimeout(250);
        const now = await read();
        if (JSON.stringify(now) === JSON.stringify(last)) return now;
        last = now;
      }
      return last;
    },
    rect: (id) => page.evaluate((i) => (window as unknown as { __rect(id: string): CssRect }).__rect(i), id),
    close: () => browser.close(),
  };
}
