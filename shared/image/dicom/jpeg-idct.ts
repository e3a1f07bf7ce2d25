/** cos((2x + 1) u pi / 16) * C(u) / 2, with C(0) = 1 / sqrt(2) (T.81 A.3.3), indexed [u * 8 + x]. */
const BASIS = (() => {
  const b = new Float64Array(64);
  for (let u = 0; u < 8; u++) {
    const cu = u === 0 ? Math.SQRT1_2 : 1;
    for (let x = 0; x < 8; x++) b[u * 8 + x] = (cu / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  }
  return b;
})();

const rows = new Float64Array(64);

/**
 * Dequantises one block and applies the separable 8x8 inverse DCT of T.81 A.3.3 in double
 * precision, then the level shift 2^(P-1) and clamping to 0..2^P - 1 (T.81 A.3.1), writing the
 * 64 samples into `plane` at `offset` with row pitch `stride`.
 */
export function idctBlock(
  coef: Int32Array,
  quant: Int32Array,
  plane: Uint16Array,
  offset: number,
  stride: number,
  shift: number,
  max: number,
): void {
  for (let v = 0; v < 8; v++) {
    for (let x = 0; x < 8; x++) {
      let s = 0;
      for (let u = 0; u < 8; u++) s += BASIS[u * 8 + x]! * coef[v * 8 + u]! * quant[v * 8 + u]!;
      rows[v * 8 + x] = s;
    }
  }
  for (let x = 0; x < 8; x++) {
    for (let y = 0; y < 8; y++) {
      let s = 0;
      for (let v = 0; v < 8; v++) s += BASIS[v * 8 + y]! * rows[v * 8 + x]!;
      const sample = Math.round(s) + shift;
      plane[offset + y * stride + x] = sample < 0 ? 0 : sample > max ? max : sample;
    }
  }
}
