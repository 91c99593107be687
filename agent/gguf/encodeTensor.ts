import { GgmlType } from "./GgmlType.js";

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half-precision bits of `value` (round to nearest even; no NaN input expected). */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return sign | half;
}

/** Encodes float values as `type` bytes; Q8_0 needs a multiple of 32 values. */
export function encodeTensor(values: Float32Array, type: GgmlType): Buffer {
  switch (type) {
    case GgmlType.F32:
      return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    case GgmlType.F16: {
      const out = Buffer.alloc(values.length * 2);
      for (let i = 0; i < values.length; i++) out.writeUInt16LE(toHalf(values[i]!), i * 2);
      return out;
    }
    case GgmlType.Q8_0: {
      if (values.length % 32 !== 0) throw new RangeError("Q8_0 needs a multiple of 32 values");
      const blocks = values.length / 32;
      const out = Buffer.alloc(blocks * 34);
      for (let b = 0; b < blocks; b++) {
        let amax = 0;
        for (let i = 0; i < 32; i++) amax = Math.max(amax, Math.abs(values[b * 32 + i]!));
        const d = amax / 127;
        const id = d ? 1 / d : 0;
        out.writeUInt16LE(toHalf(d), b * 34);
        for (let i = 0; i < 32; i++) out.writeInt8(Math.round(values[b * 32 + i]! * id), b * 34 + 2 + i);
      }
      return out;
    }
  }
}
