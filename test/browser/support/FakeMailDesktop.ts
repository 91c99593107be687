import sharp from "sharp";
import type { Capture } from "../../../agent/ports/Capture.js";
import type { Display, Point, Rect } from "../../../agent/geometry/Display.js";
import type { ScreenSource } from "../../../agent/ports/ScreenSource.js";
import type { TargetInfo, TargetInspector } from "../../../agent/policy/TargetInfo.js";
import type { FakeInputDriver } from "../../support/FakeInputDriver.js";

/** One 1920×1080 display at the origin. */
export const MAIL_DISPLAY: Display = { id: "0", name: "HDMI-1", x: 0, y: 0, width: 1920, height: 1080, scaleFactor: 1, primary: true };

type FieldName = "to" | "subject" | "body";
interface Element {
  readonly label: string;
  readonly role: "text" | "button";
  readonly rect: Rect;
  readonly field?: FieldName;
}

/** The mail window's controls, in screen pixels: what a test clicks on and what the inspector reports. */
export const MAIL = {
  to: { label: "To", role: "text", rect: { x: 520, y: 190, width: 1080, height: 48 }, field: "to" },
  subject: { label: "Subject", role: "text", rect: { x: 520, y: 262, width: 1080, height: 48 }, field: "subject" },
  body: { label: "Message", role: "text", rect: { x: 520, y: 334, width: 1080, height: 460 }, field: "body" },
  deleteDraft: { label: "Delete draft", role: "button", rect: { x: 1180, y: 830, width: 200, height: 52 } },
  send: { label: "Send", role: "button", rect: { x: 1400, y: 830, width: 200, height: 52 } },
} as const satisfies Record<string, Element>;

/** The centre of a control. */
export const centre = (e: Element): Point => ({ x: e.rect.x + e.rect.width / 2, y: e.rect.y + e.rect.height / 2 });

const inside = (p: Point, r: Rect) => p.x >= r.x && p.x < r.x + r.width && p.y >= r.y && p.y < r.y + r.height;

interface MailState {
  focus?: FieldName;
  text: Record<FieldName, string>;
  sent: boolean;
  deleted: boolean;
}

/**
 * A screen that looks like a desktop with a mail composer, drawn from what the input driver
 * has received so far (a click focuses a field, typing fills it, Send shows a banner), so the
 * agent's actions visibly change it. It doubles as the policy's target inspector: it knows
 * which control lies under a point.
 */
export class FakeMailDesktop implements ScreenSource, TargetInspector {
  readonly name = "fake-mail";
  private readonly rendered = new Map<string, Promise<Buffer>>();

  constructor(private readonly input: FakeInputDriver) {}

  async listDisplays(): Promise<Display[]> {
    return [MAIL_DISPLAY];
  }

  async capture(): Promise<Capture> {
    const svg = this.svg(this.state());
    let png = this.rendered.get(svg);
    if (!png) this.rendered.set(svg, (png = sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer()));
    return { display: MAIL_DISPLAY, width: MAIL_DISPLAY.width, height: MAIL_DISPLAY.height, channels: 4, data: await png, ms: 2, source: this.name };
  }

  async captureAll(): Promise<Capture[]> {
    return [await this.capture()];
  }

  async inspect(request: { point?: Point }): Promise<TargetInfo> {
    const state = this.state();
    const under = request.point ? Object.values(MAIL).find((e: Element) => inside(request.point!, e.rect)) : undefined;
    const target: Element | undefined = under ?? (state.focus ? MAIL[state.focus] : undefined);
    return { app: "Mail", ...(target ? { label: target.label, role: target.role } : {}) };
  }

  private state(): MailState {
    const s: MailState = { text: { to: "", subject: "", body: "" }, sent: false, deleted: false };
    for (const call of this.input.calls) {
      if (call.kind === "click") {
        const hit = Object.values(MAIL).find((e: Element) => inside(call.at, e.rect)) as Element | undefined;
        if (hit?.field) s.focus = hit.field;
        else if (hit === MAIL.send) s.sent = true;
        else if (hit === MAIL.deleteDraft) s.deleted = true;
      } else if (call.kind === "type" && s.focus) s.text[s.focus] += call.text;
    }
    return s;
  }

  private svg(s: MailState): string {
    const field = (e: Element & { field: FieldName }) => {
      const { x, y, width, height } = e.rect;
      const focused = s.focus === e.field;
      const lines = s.text[e.field]
        .split("\n")
        .map((l, i) => `<text x="${x + 14}" y="${y + 32 + i * 30}" font-size="20" fill="#222">${esc(l)}</text>`)
        .join("");
      return `<text x="${x - 100}" y="${y + 31}" font-size="19" fill="#555">${e.label}</text>
<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="6" fill="#fff" stroke="${focused ? "#3a7afe" : "#c9ccd3"}" stroke-width="${focused ? 3 : 1.5}"/>${lines}`;
    };
    const button = (e: Element, fill: string, stroke: string, colour: string) => {
      const { x, y, width, height } = e.rect;
      return `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="8" fill="${fill}" stroke="${stroke}" stroke-width="2"/>
<text x="${x + width / 2}" y="${y + 34}" font-size="21" font-weight="bold" text-anchor="middle" fill="${colour}">${e.label}</text>`;
    };
    const folders = ["Inbox  12", "Drafts  1", "Sent", "Archive", "Spam"]
      .map(
        (f, i) =>
          `<rect x="250" y="${150 + i * 46}" width="130" height="38" rx="6" fill="${i === 1 ? "#dfe8fb" : "none"}"/><text x="264" y="${175 + i * 46}" font-size="18" fill="#333">${f}</text>`,
      )
      .join("");
    const banner = s.sent
      ? `<rect x="520" y="900" width="1080" height="52" rx="8" fill="#e3f4e4" stroke="#2e7d32"/><text x="540" y="934" font-size="20" fill="#1b5e20">Message sent to ${esc(s.text.to)}</text>`
      : s.deleted
        ? `<rect x="520" y="900" width="1080" height="52" rx="8" fill="#fdecea" stroke="#c62828"/><text x="540" y="934" font-size="20" fill="#b71c1c">Draft deleted</text>`
        : "";
    return `<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" font-family="DejaVu Sans, sans-serif">
<defs><linearGradient id="sky" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2b5876"/><stop offset="1" stop-color="#4e4376"/></linearGradient></defs>
<rect width="1920" height="1080" fill="url(#sky)"/>
<rect width="1920" height="36" fill="#1d1f24"/><text x="18" y="25" font-size="17" fill="#eee">Activities</text>
<text x="960" y="25" font-size="17" fill="#eee" text-anchor="middle">Thu 26 Nov  14:05</text>
<rect x="230" y="80" width="1400" height="920" rx="10" fill="#f4f5f7" stroke="#0005"/>
<rect x="230" y="80" width="1400" height="46" rx="10" fill="#e4e6eb"/><text x="930" y="110" font-size="18" text-anchor="middle" fill="#333">New message — Mail</text>
<circle cx="1600" cy="103" r="9" fill="#e0605a"/><circle cx="1574" cy="103" r="9" fill="#e8b64c"/><circle cx="1548" cy="103" r="9" fill="#5ec462"/>
<line x1="392" y1="126" x2="392" y2="1000" stroke="#d5d8de"/>${folders}
${field(MAIL.to)}${field(MAIL.subject)}${field(MAIL.body)}
${button(MAIL.deleteDraft, "#fff", "#c62828", "#c62828")}${button(MAIL.send, "#3a7afe", "#2d62cc", "#fff")}${banner}
</svg>`;
  }
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
