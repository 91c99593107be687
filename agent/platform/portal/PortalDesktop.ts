import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { DeskPilotError } from "../../errors/DeskPilotError.js";
import { userDirs } from "../userDirs.js";
import { writeFileAtomic } from "../writeFileAtomic.js";
import { loadPipewireAddon, type PipewireAddon } from "../../../native/loadPipewireAddon.js";
import { PortalBus, vardict, type VardictEntries } from "./PortalBus.js";

const SCREEN_CAST = "org.freedesktop.portal.ScreenCast";
const REMOTE_DESKTOP = "org.freedesktop.portal.RemoteDesktop";
// SelectSources types, SelectDevices types, persist_mode (org.freedesktop.portal.ScreenCast / RemoteDesktop)
const MONITOR = 1;
const KEYBOARD = 1;
const POINTER = 2;
const PERSIST_UNTIL_REVOKED = 2;
const CURSOR_HIDDEN = 1;

/** One monitor the desktop shares: its PipeWire node and its place in the compositor's logical layout. */
export interface PortalStream {
  readonly node: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A started portal session: what it shares, and whether DeskPilot may act in it. */
export interface PortalSessionInfo {
  readonly handle: string;
  readonly streams: readonly PortalStream[];
  /** A RemoteDesktop session, with pointer and keyboard granted. */
  readonly input: boolean;
}

/** The restore tokens the portal handed out, one per kind of session, kept beside the settings. */
interface SavedTokens {
  screenCast?: string;
  remoteDesktop?: string;
}

/** Where the tokens are kept: the settings folder, so a later run needs no dialog. */
export function portalTokensPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDirs(env).config, "portal-restore-tokens.json");
}

/**
 * DeskPilot's one session with the desktop's XDG portal (GNOME, KDE Plasma, any desktop whose
 * portal casts screens): a ScreenCast session where DeskPilot only looks, a RemoteDesktop one
 * (screens and pointer and keyboard) once something will act. The desktop asks the user in its
 * own dialog; the restore token it returns is kept (portalTokensPath) and offered next time, so
 * the dialog is asked once where the desktop's portal supports restoring (ScreenCast v4,
 * RemoteDesktop v2). One per process, shared by capture and input.
 */
export class PortalDesktop {
  private static shared = new Map<string, PortalDesktop>();
  private inputWanted = false;
  private opening: Promise<Opened> | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly pipewire: () => PipewireAddon | string = loadPipewireAddon,
  ) {}

  /** The process's portal desktop for this session bus. */
  static for(env: NodeJS.ProcessEnv = process.env): PortalDesktop {
    const key = env["DBUS_SESSION_BUS_ADDRESS"] ?? "";
    let desktop = PortalDesktop.shared.get(key);
    if (!desktop) PortalDesktop.shared.set(key, (desktop = new PortalDesktop(env)));
    return desktop;
  }

  /** Says that this process will act, so the first session asked for is a RemoteDesktop one (one dialog, not two). */
  wantInput(): void {
    this.inputWanted = true;
  }

  /** The session, opened on first use; with `input`, one that may act (a capture-only one is replaced). */
  async session(input = false): Promise<PortalSessionInfo> {
    if (input) this.inputWanted = true;
    let opened = await this.opened();
    if (this.inputWanted && !opened.info.input) {
      await this.close();
      opened = await this.opened();
    }
    return opened.info;
  }

  /** The newest frame of a shared monitor as RGBA at its own pixels. */
  async frame(stream: PortalStream, timeoutMs = 5000): Promise<{ data: Buffer; width: number; height: number }> {
    const opened = await this.opened();
    const handle = opened.casts.get(stream.node);
    if (handle === undefined) throw new DeskPilotError("CAPTURE_FAILED", `PipeWire node ${stream.node} is not part of the portal session any more`);
    try {
      return opened.addon.frame(handle, 0, timeoutMs);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "STREAM_ENDED" || code === "PIPEWIRE_LOST") await this.close();
      throw new DeskPilotError(
        "CAPTURE_FAILED",
        `${(error as Error).message}${code === "STREAM_ENDED" ? "; the next capture asks the desktop to share again" : ""}`,
        {
          cause: error,
        },
      );
    }
  }

  /** A RemoteDesktop Notify* call on the session (pointer or keyboard). */
  async notify(member: string, signature: string, args: readonly unknown[]): Promise<void> {
    const opened = await this.opened();
    if (!opened.info.input) throw new DeskPilotError("NO_INPUT", "the portal session shares the screen only; DeskPilot asked for no pointer and keyboard");
    await opened.bus.call(REMOTE_DESKTOP, member, `oa{sv}${signature}`, [opened.info.handle, [], ...args]);
  }

  /** Ends the session (the desktop's sharing indicator goes away). */
  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    const opened = await opening?.catch(() => undefined);
    if (!opened) return;
    for (const handle of opened.casts.values()) opened.addon.close(handle);
    await opened.bus.call("org.freedesktop.portal.Session", "Close", "", [], opened.info.handle).catch(() => undefined);
    opened.bus.close();
  }

  private opened(): Promise<Opened> {
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async open(): Promise<Opened> {
    const addon = this.pipewire();
    if (typeof addon === "string") throw new DeskPilotError("NO_PORTAL", `cannot read the desktop's screen casts: ${addon}`);
    const bus = await PortalBus.connect(this.env);
    try {
      const castVersion = await bus.version(SCREEN_CAST);
      if (castVersion === 0)
        throw new DeskPilotError(
          "NO_PORTAL",
          "this desktop's portal offers no ScreenCast (install its portal backend: GNOME xdg-desktop-portal-gnome, KDE xdg-desktop-portal-kde)",
        );
      const remoteVersion = this.inputWanted ? await bus.version(REMOTE_DESKTOP) : 0;
      if (this.inputWanted && remoteVersion === 0)
        throw new DeskPilotError(
          "NO_INPUT",
          "this desktop's portal offers no RemoteDesktop, so DeskPilot cannot send pointer or keyboard input here; it can still capture",
        );
      const input = remoteVersion > 0;
      const iface = input ? REMOTE_DESKTOP : SCREEN_CAST;
      const tokens = this.readTokens();
      const created = await bus.request(iface, "CreateSession", "a{sv}", [], [["session_handle_token", ["s", `deskpilot${process.pid}`]]], "open a session");
      const handle = String(created.get("session_handle") ?? "");
      if (!handle) throw new DeskPilotError("PORTAL_FAILED", "the desktop portal opened a session without naming it");
      const persist = (token: string | undefined): VardictEntries => [
        ["persist_mode", ["u", PERSIST_UNTIL_REVOKED]],
        ...(token ? [["restore_token", ["s", token]] as const] : []),
      ];
      if (input) {
        await bus.request(
          REMOTE_DESKTOP,
          "SelectDevices",
          "oa{sv}",
          [handle],
          [["types", ["u", KEYBOARD | POINTER]], ...(remoteVersion >= 2 ? persist(tokens.remoteDesktop) : [])],
          "choose the pointer and keyboard",
        );
      }
      await bus.request(
        SCREEN_CAST,
        "SelectSources",
        "oa{sv}",
        [handle],
        [
          ["types", ["u", MONITOR]],
          ["multiple", ["b", true]],
          ["cursor_mode", ["u", CURSOR_HIDDEN]],
          // a RemoteDesktop session persists through SelectDevices, never here
          ...(!input && castVersion >= 4 ? persist(tokens.screenCast) : []),
        ],
        "choose the screens",
      );
      const started = await bus.request(
        iface,
        "Start",
        "osa{sv}",
        [handle, ""],
        [],
        input ? "share the screen and allow remote interaction" : "share the screen",
      );
      if (input && (Number(started.get("devices") ?? 0) & (KEYBOARD | POINTER)) !== (KEYBOARD | POINTER))
        throw new DeskPilotError(
          "NO_INPUT",
          'the desktop shared the screen but not the pointer and keyboard: run again and turn on "Allow remote interaction" in its dialog',
        );
      const token = started.get("restore_token");
      if (typeof token === "string" && token) await this.saveTokens({ ...tokens, [input ? "remoteDesktop" : "screenCast"]: token });
      const streams = parseStreams(started.get("streams"));
      if (streams.length === 0) throw new DeskPilotError("NO_DISPLAY", "the desktop portal shares no screen in this session");
      const casts = new Map<number, number>();
      try {
        for (const s of streams) casts.set(s.node, addon.open(s.node));
      } catch (error) {
        for (const h of casts.values()) addon.close(h);
        throw new DeskPilotError("CAPTURE_FAILED", (error as Error).message, { cause: error });
      }
      return { bus, addon, casts, info: { handle, streams, input } };
    } catch (error) {
      bus.close();
      throw error;
    }
  }

  private readTokens(): SavedTokens {
    try {
      const saved = JSON.parse(readFileSync(portalTokensPath(this.env), "utf8")) as SavedTokens;
      return {
        ...(typeof saved.screenCast === "string" ? { screenCast: saved.screenCast } : {}),
        ...(typeof saved.remoteDesktop === "string" ? { remoteDesktop: saved.remoteDesktop } : {}),
      };
    } catch {
      return {}; // none yet, or unreadable: the desktop asks again
    }
  }

  private async saveTokens(tokens: SavedTokens): Promise<void> {
    mkdirSync(dirname(portalTokensPath(this.env)), { recursive: true });
    await writeFileAtomic(portalTokensPath(this.env), `${JSON.stringify(tokens, null, 2)}\n`);
  }
}

interface Opened {
  readonly bus: PortalBus;
  readonly addon: PipewireAddon;
  /** PipeWire node → the addon's stream handle */
  readonly casts: Map<number, number>;
  readonly info: PortalSessionInfo;
}

/** Start's `streams` (a(ua{sv})): each monitor's node, position and size; a lone stream without a position is at the origin. */
export function parseStreams(value: unknown): PortalStream[] {
  if (!Array.isArray(value)) return [];
  const streams: PortalStream[] = [];
  for (const entry of value) {
    if (!Array.isArray(entry)) continue;
    const props = vardict(entry[1]);
    const position = props.get("position");
    const size = props.get("size");
    if (!Array.isArray(size)) continue;
    const [x, y] = Array.isArray(position) ? position.map(Number) : [0, 0];
    streams.push({ node: Number(entry[0]), x: x ?? 0, y: y ?? 0, width: Number(size[0]), height: Number(size[1]) });
  }
  return streams.sort((a, b) => a.y - b.y || a.x - b.x);
}
