/// <reference lib="dom" />
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { deskpilot, deskpilotJson } from "../../support/cli.js";
import { openPlayground, type Playground, type CssRect } from "./playground.js";
import type { XServer } from "./xserver.js";
import type { Display } from "../../../agent/geometry/Display.js";

export interface Layout {
  /** Starts (or adopts) the X server the suite runs on. */
  start(): Promise<XServer>;
  /** Picks the monitor the page goes on. */
  pick(displays: Display[]): Display;
  /** What the layout must look like, so a wrong server set-up fails instead of passing trivially. */
  expect?: { scaleFactor?: number; originX?: number; displays?: number };
  /** Screen sources that cannot see the picked monitor in this layout, and must say so. */
  blind?: Record<string, RegExp>;
  /** The screen sources to capture with (default: the X11 ones). */
  sources?: readonly string[];
  /**
   * Opens the playground fullscreen on `display` (default: Chromium on the X server, placed at
   * the monitor's origin). A Wayland client cannot know its place, so its page reports screenX 0.
   */
  open?: (server: XServer, display: Display) => Promise<Playground>;
}

const X11_SOURCES = ["x11-shm", "nut-js", "node-screenshots", "screenshot-desktop"];

const center = (r: CssRect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

/**
 * Capture and act on a real display: the playground page fills one monitor, DeskPilot's CLI
 * captures and clicks in global logical pixels, and the page reports what it received.
 */
export function desktopSuite(name: string, layout: Layout, skip: string | false): void {
  describe(name, { skip }, () => {
    let server: XServer;
    let display: Display;
    let page: Playground;
    let tmp: string;
    const env = () => server.env;
    /** Global logical point of a CSS point on the page (the page fills `display`). */
    const global = (p: { x: number; y: number }) => ({ x: display.x + p.x, y: display.y + p.y });
    const act = (action: object) => deskpilot(["act", JSON.stringify(action), "--json"], env());

    before(async () => {
      tmp = mkdtempSync(join(tmpdir(), "deskpilot-e2e-"));
      server = await layout.start();
      const { displays } = await deskpilotJson<{ displays: Display[] }>(["capture", "--list"], env());
      display = layout.pick(displays);
      if (layout.expect?.scaleFactor !== undefined) assert.equal(display.scaleFactor, layout.expect.scaleFactor);
      if (layout.expect?.originX !== undefined) assert.equal(display.x, layout.expect.originX);
      if (layout.expect?.displays !== undefined) assert.equal(displays.length, layout.expect.displays);
      page = layout.open ? await layout.open(server, display) : await openPlayground(server.display, { x: display.x, y: display.y }, display.scaleFactor);
      const size = await page.page.evaluate(() => ({ w: innerWidth, h: innerHeight, x: screenX, dpr: devicePixelRatio }));
      const x = layout.open ? size.x : display.x;
      assert.deepEqual(size, { w: display.width, h: display.height, x, dpr: display.scaleFactor }, "page must fill the monitor");
    });

    after(async () => {
      await page?.close();
      await server?.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    for (const source of layout.sources ?? X11_SOURCES) {
      const blind = layout.blind?.[source];
      if (blind) {
        test(`capture (${source}) cannot see this monitor and says so, instead of capturing another`, async () => {
          const r = await deskpilot(["capture", "--display", display.id, "--out", join(tmp, "never.png"), "--source", source], env());
          assert.equal(r.code, 1);
          assert.match(r.stderr, blind);
        });
        continue;
      }
      test(`capture (${source}) writes the monitor at native resolution, pixels where the page drew them`, async () => {
        const out = join(tmp, `capture-${source}.png`);
        const result = await deskpilotJson<{ display: Display; width: number; height: number; ms: number }>(
          ["capture", "--display", display.id, "--out", out, "--source", source],
          env(),
        );
        const s = display.scaleFactor;
        assert.equal(result.width, display.width * s);
        assert.equal(result.height, display.height * s);
        assert.equal(result.display.x, display.x);
        assert.equal(result.display.scaleFactor, s);
        const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
        assert.deepEqual([info.width, info.height], [display.width * s, display.height * s]);
        const pixel = (cssX: number, cssY: number) => {
          const i = (Math.floor(cssY * s) * info.width + Math.floor(cssX * s)) * info.channels;
          return [data[i], data[i + 1], data[i + 2]];
        };
        // Patches 40 CSS px wide: sample near both inner edges so a half-pixel or scale error shows.
        assert.deepEqual(pixel(2, 2), [255, 0, 0], "red patch at the monitor's top-left");
        assert.deepEqual(pixel(38, 38), [255, 0, 0]);
        assert.deepEqual(pixel(202, 102), [0, 255, 0], "green patch at (200,100) CSS px");
        assert.deepEqual(pixel(438, 338), [0, 0, 255], "blue patch at (400,300) CSS px");
        assert.deepEqual(pixel(150, 20), [0x20, 0x30, 0x40], "page background between patches");
        assert.notDeepEqual(pixel(442, 342), [0, 0, 255], "blue patch ends at 440 CSS px");
      });
    }

    test("left_click lands on the button's centre", async () => {
      const c = center(await page.rect("click"));
      const r = await act({ action: "left_click", coordinate: [global(c).x, global(c).y] });
      assert.equal(r.code, 0, r.stderr);
      const { clicks } = await page.settled();
      assert.equal(clicks.length, 1);
      assert.ok(Math.abs(clicks[0]!.x - c.x) <= 1 && Math.abs(clicks[0]!.y - c.y) <= 1, `clicked at ${JSON.stringify(clicks[0])}, wanted ${JSON.stringify(c)}`);
    });

    test("double_click, right_click and middle_click reach their targets", async () => {
      const d = global(center(await page.rect("dbl")));
      assert.equal((await act({ action: "double_click", coordinate: [d.x, d.y] })).code, 0);
      const c = global(center(await page.rect("ctx")));
      assert.equal((await act({ action: "right_click", coordinate: [c.x, c.y] })).code, 0);
      assert.equal((await act({ action: "middle_click", coordinate: [c.x, c.y] })).code, 0);
      const state = await page.settled();
      assert.equal(state.dblclicks, 1);
      assert.equal(state.contextmenus, 1);
      assert.equal(state.auxclicks, 1);
    });

    test("left_click_drag drags from the pointer to the coordinate", async () => {
      const pad = await page.rect("pad");
      const from = { x: pad.x + 30, y: pad.y + 30 };
      const to = { x: pad.x + 150, y: pad.y + 120 };
      assert.equal((await act({ action: "mouse_move", coordinate: [global(from).x, global(from).y] })).code, 0);
      assert.equal((await act({ action: "left_click_drag", coordinate: [global(to).x, global(to).y] })).code, 0);
      const { drag } = await page.settled();
      assert.ok(drag && drag.to, "a drag was received");
      assert.ok(Math.abs(drag.from.x - from.x) <= 1 && Math.abs(drag.from.y - from.y) <= 1, `drag started at ${JSON.stringify(drag.from)}`);
      assert.ok(Math.abs(drag.to.x - to.x) <= 1 && Math.abs(drag.to.y - to.y) <= 1, `drag ended at ${JSON.stringify(drag.to)}`);
      assert.ok(drag.moves >= 3, "intermediate motion between press and release");
    });

    test("scroll: negative pixels scroll down, positive scroll back up", async () => {
      const c = global(center(await page.rect("scroller")));
      const settled = async () => (await page.settled()).scrollTop;
      assert.equal(await settled(), 0);
      assert.equal((await act({ action: "scroll", coordinate: [c.x, c.y], pixels: -300 })).code, 0);
      const down = await settled();
      assert.ok(down > 0, "scrolled down");
      assert.equal((await act({ action: "scroll", coordinate: [c.x, c.y], pixels: 100 })).code, 0);
      const up = await settled();
      assert.ok(up < down && up >= 0, `scrolled back up: ${down} -> ${up}`);
    });

    test("type delivers text exactly, Unicode and shifted symbols included; key chords work", async () => {
      const c = global(center(await page.rect("text")));
      assert.equal((await act({ action: "left_click", coordinate: [c.x, c.y] })).code, 0);
      const text = 'Grüße, 東京! a+b={x} @#$%^&*()_:"<>?|~';
      const r = await act({ action: "type", text });
      assert.equal(r.code, 0, r.stderr);
      assert.equal((await page.settled()).text, text);
      assert.equal((await act({ action: "key", keys: ["ctrl", "a"] })).code, 0);
      assert.equal((await act({ action: "type", text: "Ok" })).code, 0);
      assert.equal((await page.settled()).text, "Ok");
    });

    test("a coordinate outside every display is refused and sends no input", async () => {
      const before = (await page.settled()).clicks.length;
      const c = center(await page.rect("click"));
      assert.equal((await act({ action: "mouse_move", coordinate: [global(c).x, global(c).y] })).code, 0);
      for (const point of [
        [-1, 10],
        [display.x + display.width * 50, 10],
        [display.x + 10, display.y - 1],
      ]) {
        const r = await act({ action: "left_click", coordinate: point });
        assert.equal(r.code, 1, `exit code for ${point}`);
        assert.match(r.stderr, /outside every display/);
      }
      // A point-less click would click wherever the pointer is: it must still be over the button, unclicked.
      assert.equal((await page.settled()).clicks.length, before);
    });
  });
}
