/** A point in some pixel space; which one is stated by the field that holds it. */
export interface Pt {
  readonly x: number;
  readonly y: number;
}

/** `[x1, y1, x2, y2]`, x1 ≤ x2 and y1 ≤ y2. */
export type Box = readonly [number, number, number, number];

/** A rectangle of the source image, in its pixels (a zoom crop, or the whole image). */
export interface Region {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
