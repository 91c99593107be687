import { afterEach, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PointerMemory } from "../../../agent/actions/PointerMemory.js";

let runtime: string;
beforeEach(() => {
  runtime = mkdtempSync(join(tmpdir(), "deskpilot-pointer-"));
});
afterEach(() => rmSync(runtime, { recursive: true, force: true }));

test("nothing is known before DeskPilot moves the pointer", () => {
  assert.equal(new PointerMemory({ WAYLAND_DISPLAY: "wayland-1", XDG_RUNTIME_DIR: runtime }).read(), undefined);
});

test("a position one process wrote is read by the next on the same desktop", () => {
  const env = { WAYLAND_DISPLAY: "wayland-1", XDG_RUNTIME_DIR: runtime };
  const first = new PointerMemory(env);
  first.write({ x: 1000.5, y: -20 });
  assert.deepEqual(first.read(), { x: 1000.5, y: -20 });
  assert.deepEqual(new PointerMemory(env).read(), { x: 1000.5, y: -20 });
  assert.deepEqual(readdirSync(runtime), ["deskpilot-pointer-wayland-1.json"]);
  first.write({ x: 3, y: 4 });
  assert.deepEqual(new PointerMemory(env).read(), { x: 3, y: 4 }, "the latest position wins");
});

test("each compositor socket has its own position", () => {
  new PointerMemory({ WAYLAND_DISPLAY: "wayland-1", XDG_RUNTIME_DIR: runtime }).write({ x: 1, y: 2 });
  new PointerMemory({ WAYLAND_DISPLAY: "wayland-2", XDG_RUNTIME_DIR: runtime }).write({ x: 5, y: 6 });
  assert.deepEqual(new PointerMemory({ WAYLAND_DISPLAY: "wayland-1", XDG_RUNTIME_DIR: runtime }).read(), { x: 1, y: 2 });
  assert.deepEqual(new PointerMemory({ WAYLAND_DISPLAY: "wayland-2", XDG_RUNTIME_DIR: runtime }).read(), { x: 5, y: 6 });
  assert.equal(new PointerMemory({ WAYLAND_DISPLAY: "wayland-3", XDG_RUNTIME_DIR: runtime }).read(), undefined);
  // a socket given as a path stays one file in the runtime folder
  const byPath = { WAYLAND_DISPLAY: "/tmp/sway/wayland-1", XDG_RUNTIME_DIR: runtime };
  new PointerMemory(byPath).write({ x: 7, y: 8 });
  assert.deepEqual(new PointerMemory(byPath).read(), { x: 7, y: 8 });
  assert.deepEqual(new PointerMemory({ WAYLAND_DISPLAY: "wayland-1", XDG_RUNTIME_DIR: runtime }).read(), { x: 1, y: 2 });
});

test("a garbled or foreign file means no known position", () => {
  const env = { WAYLAND_DISPLAY: "wayland-1", XDG_RUNTIME_DIR: runtime };
  const file = join(runtime, "deskpilot-pointer-wayland-1.json");
  for (const content of ["not json{", "", "null", "[1,2]", '{"x":"1","y":2}', '{"x":1}', '{"x":1e999,"y":0}']) {
    writeFileSync(file, content);
    assert.equal(new PointerMemory(env).read(), undefined, content);
  }
});

test("a runtime folder it cannot write to costs only the next process the position", () => {
  const env = { WAYLAND_DISPLAY: "wayland-1", XDG_RUNTIME_DIR: join(runtime, "missing") };
  const memory = new PointerMemory(env);
  memory.write({ x: 1, y: 2 });
  assert.deepEqual(memory.read(), { x: 1, y: 2 });
  assert.equal(new PointerMemory(env).read(), undefined);
});
