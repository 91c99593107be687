/** Raw interleaved RGB, 3 bytes per pixel, row-major. */
export interface RgbImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}
