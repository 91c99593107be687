/// <reference lib="dom" />
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deskpilot, deskpilotJson } from "../../support/cli.js";
import { openPlayground, type CssRect, type Playground } from "./playground.js";
import type { XServer } from "./xserver.js";
import type { Display } from "../../../agent/geometry/Display.js";

interface GroundDoc {
  image: { width: number; height: number };
  frame: { width: number; height: number; tokens: number };
  point: { x: number; y: number };
  box?: [number, number, number, number];
  screen?: { x: number; y: number };
  label: string;
  raw: string;
  timings: { prepareMs: number; modelMs: number; totalMs: number; passes: number };
  zoom?: { crop: { x: number; y: number; width: number; height: number } };
}

/** Extra checks a layout adds, given the suite's helpers (e.g. the tiny-model smoke test). */
export type ExtraTests = (ctx: { env: () => NodeJS.ProcessEnv; display: () => Display; tmp: () => string }) => void;

/**
 * Grounding on a real display with the stated test oracle: the oracle is told each button's box
 * in native capture pixels (its CSS rect × scale factor; the page fills the monitor from its
 * origin) and answers the frame pixels a perfect model would. The CLI then captures, prepares,
 * parses and maps for real; the test checks the screen point against the page's own layout and
 * clicks it.
 */
export function groundSuite(name: string, start: () => Promise<XServer>, expectNative: [number, number], skip: string | false, extra?: ExtraTests): void {
  describe(name, { skip }, () => {
    let server: XServer;
    let display: Display;
    let page: Playground;
    let tmp: string;
    let oracle: string;
    const rects = new Map<string, CssRect>();
    const queries = { click: "the Click me button", dbl: "the Double button", text: "the text field" } as const;

    before(async () => {
      tmp = mkdtempSync(join(tmpdir(), "deskpilot-ground-e2e-"));
      server = await start();
      const { displays } = await deskpilotJson<{ displays: Display[] }>(["capture", "--list"], server.env);
      display = displays[0]!;
      assert.deepEqual([display.width * display.scaleFactor, display.height * display.scaleFactor], expectNative);
      page = await openPlayground(server.display, { x: display.x, y: display.y }, display.scaleFactor);
      const s = display.scaleFactor;
      const targets = [];
      for (const [id, query] of Object.entries(queries)) {
        const r = await page.rect(id);
        rects.set(id, r);
        targets.push({ query, box: [r.x * s, r.y * s, (r.x + r.width) * s, (r.y + r.height) * s] });
      }
      oracle = join(tmp, "oracle.json");
      writeFileSync(oracle, JSON.stringify(targets));
    });

    after(async () => {
      await page?.close();
      await server?.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    const ground = (query: string, ...flags: string[]) =>
      deskpilotJson<GroundDoc>(["ground", "--screen", "--display", display.id, query, "--oracle", oracle, ...flags], server.env);
    const centre = (id: string) => {
      const r = rects.get(id)!;
      return { x: display.x + r.x + r.width / 2, y: display.y + r.y + r.height / 2 };
    };

    for (const zoom of ["--no-zoom", "--zoom"]) {
      test(`${zoom}: the screen point is each element's centre to the logical pixel, and a click there lands`, async () => {
        for (const [id, query] of Object.entries(queries)) {
          const doc = await ground(query, zoom);
          assert.deepEqual(doc.image, { width: expectNative[0], height: expectNative[1] });
          assert.equal(doc.timings.passes, zoom === "--zoom" ? 2 : 1);
          const want = centre(id);
          const got = doc.screen!;
          assert.ok(
            Math.abs(got.x - want.x) <= 1 && Math.abs(got.y - want.y) <= 1,
            `${id}: screen ${JSON.stringify(got)}, element centre ${JSON.stringify(want)}`,
          );
        }
        const before = (await page.state()).clicks.length;
        const doc = await ground(queries.click, zoom);
        const r = await deskpilot(["act", JSON.stringify({ action: "left_click", coordinate: [doc.screen!.x, doc.screen!.y] }), "--json"], server.env);
        assert.equal(r.code, 0, r.stderr);
        const { clicks } = await page.state();
        assert.equal(clicks.length, before + 1, "the click reached the button");
        const c = centre("click");
        assert.ok(
          Math.abs(clicks.at(-1)!.x + display.x - c.x) <= 1.5 && Math.abs(clicks.at(-1)!.y + display.y - c.y) <= 1.5,
          `clicked ${JSON.stringify(clicks.at(-1))}`,
        );
      });
    }

    test("--mode box: the box is the element's native box to a frame pixel", async () => {
      const doc = await ground(queries.text, "--mode", "box", "--no-zoom");
      const r = rects.get("text")!;
      const s = display.scaleFactor;
      const tol = expectNative[0] / doc.frame.width; // one frame pixel, in native pixels
      const want = [r.x * s, r.y * s, (r.x + r.width) * s, (r.y + r.height) * s];
      doc.box!.forEach((v, i) => assert.ok(Math.abs(v - want[i]!) <= tol, `box ${doc.box} vs ${want}`));
    });

    extra?.({ env: () => server.env, display: () => display, tmp: () => tmp });
  });
}
