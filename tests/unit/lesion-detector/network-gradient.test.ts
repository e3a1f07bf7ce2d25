import { describe, expect, it } from "vitest";
import { createRng, standardNormal } from "../../../shared/numeric/rng.ts";
import { trainableConv } from "../../../trainers/lesion-detector/network.ts";
import { useWasmBackend } from "../../../trainers/spam-lpft/tf-backend.ts";

describe("trainableConv gradients (im2col filter gradient; the wasm backend has no Conv2DBackpropFilter)", () => {
  it("match tfjs's own conv2d gradients on the cpu backend, for dilations 1, 2, 4 and 1×1", async () => {
    const tf = await useWasmBackend();
    const rng = createRng(11);
    const random = (n: number) => Float32Array.from({ length: n }, () => standardNormal(rng));
    for (const [k, dilation, ci, co] of [
      [3, 1, 2, 3],
      [3, 2, 3, 2],
      [3, 4, 2, 2],
      [1, 1, 4, 1],
    ] as const) {
      const side = 12;
      const xData = random(2 * side * side * ci);
      const wData = random(k * k * ci * co);
      const probeData = random(2 * side * side * co);
      const ours = await gradients(tf, (x, w) => trainableConv(tf, x, w, dilation), xData, wData, probeData, [
        side,
        ci,
        k,
        co,
      ]);
      // The reference: tfjs's conv2d and its registered gradients on the pure-JS cpu backend, with
      // the dilation written out as a zero-stuffed (d(k − 1) + 1)² kernel (tfjs has no dilated
      // conv gradient at all); dw is read back at the stuffed kernel's nonzero taps.
      const big = dilation * (k - 1) + 1;
      const stuffed = new Float32Array(big * big * ci * co);
      for (let y = 0; y < k; y++)
        for (let x = 0; x < k; x++)
          for (let c = 0; c < ci * co; c++)
            stuffed[(y * dilation * big + x * dilation) * ci * co + c] = wData[(y * k + x) * ci * co + c]!;
      await tf.setBackend("cpu");
      const full = await gradients(tf, (x, w) => tf.conv2d(x, w, 1, "same"), xData, stuffed, probeData, [
        side,
        ci,
        big,
        co,
      ]);
      await tf.setBackend("wasm");
      const dw = new Float32Array(wData.length);
      for (let y = 0; y < k; y++)
        for (let x = 0; x < k; x++)
          for (let c = 0; c < ci * co; c++)
            dw[(y * k + x) * ci * co + c] = full.dw[(y * dilation * big + x * dilation) * ci * co + c]!;
      const reference = { value: full.value, dx: full.dx, dw };
      for (const part of ["value", "dx", "dw"] as const) {
        const worst = ours[part].reduce((m, v, i) => Math.max(m, Math.abs(v - reference[part][i]!)), 0);
        expect(worst, `${part} k${k} d${dilation}`).toBeLessThan(1e-3);
      }
    }
  });
});

async function gradients(
  tf: Awaited<ReturnType<typeof useWasmBackend>>,
  conv: (
    x: import("@tensorflow/tfjs").Tensor4D,
    w: import("@tensorflow/tfjs").Tensor4D,
  ) => import("@tensorflow/tfjs").Tensor4D,
  xData: Float32Array,
  wData: Float32Array,
  probeData: Float32Array,
  [side, ci, k, co]: readonly [number, number, number, number],
): Promise<{ value: Float32Array; dx: Float32Array; dw: Float32Array }> {
  const x = tf.tensor4d(xData, [2, side, side, ci]);
  const w = tf.tensor4d(wData, [k, k, ci, co]);
  const probe = tf.tensor4d(probeData, [2, side, side, co]);
  const value = conv(x, w).dataSync() as Float32Array;
  const [dx, dw] = tf.grads((a: import("@tensorflow/tfjs").Tensor, b: import("@tensorflow/tfjs").Tensor) =>
    tf.sum(tf.mul(conv(a as never, b as never), probe)),
  )([x, w]);
  return { value, dx: dx!.dataSync() as Float32Array, dw: dw!.dataSync() as Float32Array };
}
