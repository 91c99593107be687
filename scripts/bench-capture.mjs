#!/usr/bin/env node
// `npm run bench:capture`: the median capture (with its conversion to RGBA), conversion and
// model-frame preparation time of every screen source at 1080p and at 4K, in one run. Each resolution gets its own temporary Xvfb; within a resolution all
// X11 sources run in the same process, and each is reported as a ratio to screenshot-desktop.
// Then each resolution on a headless sway, captured by wlr-screencopy, and on a headless GNOME
// (mutter), captured through the ScreenCast portal, beside x11-shm.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { xvfb } from "./xvfb.mjs";

const sizes = [
  ["1080p", 1920, 1080],
  ["4K", 3840, 2160],
];
const runs = process.env.BENCH_RUNS ?? "15";
const bin = new URL("../bin/deskpilot.js", import.meta.url).pathname;

const table = [];
for (const [label, width, height] of sizes) {
  const x = await xvfb(width, height);
  try {
    // Something to look at, so PNG-based sources do real work.
    execFileSync("xsetroot", ["-solid", "#3a6ea5"], { env: { ...process.env, DISPLAY: x.display }, stdio: "ignore" });
  } catch {
    // xsetroot is optional
  }
  try {
    const x11Sources = ["x11-shm", "nut-js", "node-screenshots", "screenshot-desktop"].flatMap((s) => ["--source", s]);
    const out = execFileSync(process.execPath, [bin, "bench", "capture", "--runs", runs, ...x11Sources, "--json"], {
      env: { ...process.env, DISPLAY: x.display },
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
    });
    table.push([label, JSON.parse(out)]);
  } finally {
    x.stop();
  }
}

// The same sizes on a headless wlroots compositor (sway), captured through its screencopy by the
// wlr-screencopy source, in this same run: the Wayland path beside X11's.
const wayland = [];
const { startSway } = await import("../dist/test/e2e/support/wayland.js").catch(() => ({}));
/** Whether every one of `tools` is on the PATH. */
const have = (...tools) =>
  tools.every((t) => {
    try {
      execFileSync("sh", ["-c", `command -v ${t}`], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
const haveSway = have("sway", "grim", "wayland-info");
if (startSway && haveSway) {
  for (const [label, width, height] of sizes) {
    const sway = await startSway([{ width, height, x: 0, y: 0, background: "#3a6ea5" }]);
    try {
      const out = execFileSync(process.execPath, [bin, "bench", "capture", "--runs", runs, "--source", "wlr-screencopy", "--json"], {
        env: { ...sway.sessionEnv },
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
      });
      wayland.push([label, JSON.parse(out).rows[0]]);
    } finally {
      await sway.stop();
    }
  }
} else console.log("(no sway, grim or wayland-info here: the wlroots rows are left out)");

// And on a headless GNOME (mutter with its real portal, the test's consent "user" answering
// the dialog once per run), captured through the ScreenCast portal over PipeWire.
const { startGnome } = await import("../dist/test/e2e/support/gnome.js").catch(() => ({}));
const haveGnome = have("mutter", "pipewire", "wireplumber", "dbus-daemon");
if (startGnome && haveGnome) {
  for (const [label, width, height] of sizes) {
    let gnome;
    try {
      gnome = await startGnome(width, height);
      // not execFileSync: the consent user answering the dialog runs in this process's event loop
      const { stdout: out, stderr } = await promisify(execFile)(process.execPath, [bin, "bench", "capture", "--runs", runs, "--source", "portal", "--json"], {
        env: { ...gnome.env },
        encoding: "utf8",
        timeout: 180_000,
      });
      process.stderr.write(stderr);
      wayland.push([label, { ...JSON.parse(out).rows[0], source: "portal" }]);
    } catch (error) {
      wayland.push([label, { source: "portal", error: error.message.split("\n")[0] }]);
    } finally {
      await gnome?.stop();
    }
  }
} else console.log("(no mutter, PipeWire or the PipeWire addon here: the GNOME rows are left out)");

const sources = table[0][1].rows.map((r) => r.source).filter((s) => s !== "wlr-screencopy");
const ms = (v) => (v === undefined || Number.isNaN(v) ? "-" : v.toFixed(1));
console.log(`\nMedians of ${runs} runs: capture (conversion to RGBA included), of which the conversion, then the model frame's preparation`);
console.log(`(reference for the ratio: ${table[0][1].reference})`);
console.log(
  ["source".padEnd(20), "size".padEnd(10), "capture".padStart(9), "convert".padStart(9), "prepare".padStart(9), "both".padStart(9), "× ref".padStart(7)].join(
    " ",
  ),
);
for (const [label, t] of table) {
  for (const s of sources) {
    const c = t.rows.find((r) => r.source === s);
    const cells = c.error
      ? ["error", "-", "-", "-", "-"]
      : [ms(c.medianMs), ms(c.convertMs), ms(c.prepareMs), ms(c.captureAndPrepareMs), c.ratioToReference.toFixed(3)];
    const by = c.capturedBy && c.capturedBy !== s ? ` (captured by ${c.capturedBy})` : "";
    console.log([`${s}${by}`.padEnd(20), label.padEnd(10), ...cells.slice(0, 4).map((v) => v.padStart(9)), cells[4].padStart(7)].join(" "));
  }
}
const on = { "wlr-screencopy": "sway", portal: "mutter" };
for (const [label, r] of wayland) {
  const x11 = table.find(([l]) => l === label)?.[1].rows.find((row) => row.source === "x11-shm");
  const cells = r.error ? ["error", "-", "-", "-"] : [ms(r.medianMs), ms(r.convertMs), ms(r.prepareMs), ms(r.captureAndPrepareMs)];
  console.log([`${r.source}·${on[r.source]}`.padEnd(20), label.padEnd(10), ...cells.map((v) => v.padStart(9)), "-".padStart(7)].join(" "));
  if (x11 && !r.error) console.log(`  ${label}: ${r.source} capture ${(r.medianMs / x11.medianMs).toFixed(2)}× x11-shm's (${ms(x11.medianMs)} ms on Xvfb)`);
}
for (const [label, t] of table) for (const r of t.rows) if (r.error && r.source !== "wlr-screencopy") console.log(`${label} ${r.source}: ${r.error}`);
for (const [label, r] of wayland) if (r.error) console.log(`${label} ${r.source}: ${r.error}`);
