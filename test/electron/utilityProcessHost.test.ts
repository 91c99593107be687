import { test } from "node:test";
import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { EventEmitter } from "node:events";
import { fileURLToPath } from "node:url";
import type { ForkOptions } from "electron";
import { utilityProcessHost, type ForkUtility, type UtilityProcessLike } from "../../electron/main/utilityProcessHost.js";
import { EngineHostProcess } from "../../agent/vision/EngineHostProcess.js";
import { EngineError } from "../../agent/vision/errors/EngineError.js";
import type { HostReply } from "../../agent/vision/hostProtocol.js";

/** A utilityProcess stand-in the test drives by hand. */
class FakeUtility extends EventEmitter implements UtilityProcessLike {
  pid: number | undefined;
  posted: unknown[] = [];
  kills = 0;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.kills++;
    return true;
  }
  spawn(pid = 4242): void {
    this.pid = pid;
    this.emit("spawn");
  }
  exit(code: number): void {
    this.pid = undefined;
    this.emit("exit", code);
  }
}

function rig(platform: NodeJS.Platform = "linux") {
  const child = new FakeUtility();
  const forks: { path: string; options: ForkOptions }[] = [];
  const killed: number[] = [];
  const spawn = utilityProcessHost(
    (path, _args, options) => (forks.push({ path, options }), child),
    platform,
    (pid) => killed.push(pid),
  );
  const channel = spawn(new URL("file:///app/dist/agent/vision/engineHost.js"));
  return { child, forks, killed, channel };
}

test("forks the engine host's file as a named utility process; on macOS through the plugin helper", () => {
  const { forks } = rig();
  assert.equal(forks[0]?.path, "/app/dist/agent/vision/engineHost.js");
  assert.equal(forks[0]?.options.serviceName, "DeskPilot vision engine");
  assert.equal(forks[0]?.options.allowLoadingUnsignedLibraries, undefined);
  assert.equal(rig("darwin").forks[0]?.options.allowLoadingUnsignedLibraries, true);
});

test("requests sent before the process has spawned wait for it, in order", () => {
  const { child, channel } = rig();
  channel.send({ type: "layout", id: 1, width: 10, height: 10 });
  channel.send({ type: "cancel", id: 1 });
  assert.deepEqual(child.posted, []);
  child.spawn();
  channel.send({ type: "dispose", id: 2 });
  assert.deepEqual(
    child.posted.map((m) => (m as { type: string }).type),
    ["layout", "cancel", "dispose"],
  );
  assert.equal(channel.pid, 4242);
});

test("a host killed before it spawned gets none of the waiting requests", () => {
  const { child, channel } = rig();
  channel.send({ type: "layout", id: 1, width: 10, height: 10 });
  channel.kill();
  child.spawn();
  channel.send({ type: "dispose", id: 2 });
  assert.deepEqual(child.posted, []);
});

test("replies reach the listener; the exit is told once with its code and any fatal error", () => {
  const { child, channel } = rig();
  const replies: HostReply[] = [];
  const exits: string[] = [];
  channel.onMessage((m) => replies.push(m));
  channel.onExit((how) => exits.push(how));
  child.spawn();
  child.emit("message", { type: "done", id: 1, value: 7 });
  child.emit("error", "FatalError", "llama.cpp:123");
  child.exit(134);
  assert.deepEqual(replies, [{ type: "done", id: 1, value: 7 }]);
  assert.deepEqual(exits, ["exit code 134, FatalError at llama.cpp:123"]);
  assert.equal(channel.pid, 4242, "the pid stays known for the report");
  channel.send({ type: "dispose", id: 3 });
  assert.equal(child.posted.length, 0, "nothing is sent to an ended process");
});

test("kill asks politely, then kills the pid of a host that does not end", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const { child, channel, killed } = rig();
  child.spawn(99);
  channel.kill();
  assert.equal(child.kills, 1);
  t.mock.timers.tick(2000);
  assert.deepEqual(killed, [99]);

  const polite = rig();
  polite.child.spawn(100);
  polite.channel.kill();
  polite.child.exit(0);
  t.mock.timers.tick(2000);
  assert.deepEqual(polite.killed, [], "a host that ended is left alone");
  polite.channel.kill();
  assert.equal(polite.child.kills, 1, "killing an ended host does nothing");
});

// A Node child that plays the utility process (see support/utilityProcessShim.ts), so the real
// engine host script answers through its parentPort path and EngineHostProcess drives it.
const shim = fileURLToPath(new URL("./support/utilityProcessShim.js", import.meta.url));
const nodeUtility: ForkUtility = (modulePath) => {
  const child = fork(shim, [modulePath], { serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const events = new EventEmitter();
  child.on("spawn", () => events.emit("spawn"));
  child.on("message", (m) => events.emit("message", m));
  child.on("exit", (code) => events.emit("exit", code ?? 1));
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message) => void child.send(message as object),
    on: (event: string, listener: (...a: never[]) => void) => events.on(event, listener as (...a: unknown[]) => void),
    kill: () => child.kill("SIGTERM"),
  };
};

test("the real engine host answers through the adapter and ends on dispose", async () => {
  const host = new EngineHostProcess(utilityProcessHost(nodeUtility));
  await assert.rejects(host.call({ type: "layout", id: 1, width: 28, height: 28 }), (e: unknown) => e instanceof EngineError && e.engineCode === "NOT_LOADED");
  assert.equal(await host.call({ type: "dispose", id: 2 }), null);
  await host.stop(5000);
  assert.equal(host.alive, false);
});
