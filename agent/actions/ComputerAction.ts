import { z } from "zod";

const coordinate = z.tuple([z.number().finite(), z.number().finite()]).describe("[x, y] in global screen logical pixels");

/**
 * One action in Qwen2.5-VL's `computer_use` tool schema (docs/design.md §4). Coordinates here
 * are global screen logical pixels; mapping from the model frame happens before this.
 */
export const ComputerActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("key"), keys: z.array(z.string().min(1)).min(1) }).strict(),
  z.object({ action: z.literal("type"), text: z.string() }).strict(),
  z.object({ action: z.literal("mouse_move"), coordinate }).strict(),
  z
    .object({
      action: z.literal("left_click"),
      coordinate: coordinate.optional(),
      /** 3: a triple click, which selects a line or paragraph (Qwen3-VL's `triple_click`); a double click is its own action. */
      clicks: z.literal(3).optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal("left_click_drag"),
      coordinate,
      /** Where the drag starts (UI-TARS names both ends); without it, the drag starts at the pointer. */
      start_coordinate: coordinate.optional(),
    })
    .strict(),
  z.object({ action: z.literal("right_click"), coordinate: coordinate.optional() }).strict(),
  z.object({ action: z.literal("middle_click"), coordinate: coordinate.optional() }).strict(),
  z.object({ action: z.literal("double_click"), coordinate: coordinate.optional() }).strict(),
  z
    .object({
      action: z.literal("scroll"),
      pixels: z.number().finite().describe("positive scrolls up (horizontal: right)"),
      coordinate: coordinate.optional(),
      /** A sideways scroll (Qwen3-VL's `hscroll`): positive pixels scroll right, as pyautogui.hscroll does. */
      axis: z.literal("horizontal").optional(),
    })
    .strict(),
  z.object({ action: z.literal("wait"), time: z.number().finite().nonnegative().max(600) }).strict(),
  z
    .object({
      action: z.literal("terminate"),
      status: z.enum(["success", "failure"]),
      /** What the model said on finishing (UI-TARS `finished(content=…)`, `call_user()`): kept for the run's end reason. */
      message: z.string().max(2000).optional(),
    })
    .strict(),
]);

export type ComputerAction = z.infer<typeof ComputerActionSchema>;
export type ActionName = ComputerAction["action"];
