declare const pixelSpace: unique symbol;

/**
 * The pixel spaces a point can be in (docs/architecture.md, "Coordinate spaces"):
 * - `logical`: global screen logical pixels, what displays, actions and the input driver use;
 * - `native`: the OS's input and capture space (physical pixels on X11 and Windows, logical on macOS);
 * - `image`: a capture's own pixels, from its display's top-left (that display's physical pixels);
 * - `frame`: the model frame's pixels, what a model's answer counts in once its profile has read it.
 */
export type PixelSpace = "logical" | "native" | "image" | "frame";

/**
 * A point in `S`. The space is in the type: a point of one space handed where another is asked
 * for is a compile error, so a conversion cannot be skipped. The brand is optional, so a plain
 * `{ x, y }` is taken as the space its parameter names; the conversions in geometry/ return
 * branded points.
 */
export interface PointIn<S extends PixelSpace> {
  readonly x: number;
  readonly y: number;
  readonly [pixelSpace]?: S;
}

export type LogicalPoint = PointIn<"logical">;
export type NativePoint = PointIn<"native">;
export type ImagePoint = PointIn<"image">;
export type FramePoint = PointIn<"frame">;
