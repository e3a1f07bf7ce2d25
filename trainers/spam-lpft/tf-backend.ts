import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";

/** The tfjs wasm backend: ~6x the pure-JS cpu backend for these models (docs/edge-runtime.md). */
export async function useWasmBackend(): Promise<typeof tf> {
  if (tf.getBackend() !== "wasm") {
    await tf.setBackend("wasm");
    await tf.ready();
  }
  return tf;
}

/**
 * Row lookup `table[indices]` whose gradient is a scatter-add: the wasm backend has no
 * UnsortedSegmentSum, the kernel tfjs's own gather gradient needs, but it has ScatterNd,
 * which sums the updates of repeated indices (as an embedding gradient must).
 */
export function gatherRows(table: tf.Tensor2D, indices: tf.Tensor1D): tf.Tensor2D {
  const rows = table.shape[0];
  // tfjs types the custom-gradient function loosely; the cast states the (table, indices) arity.
  const f = tf.customGrad(((t: tf.Tensor, i: tf.Tensor, save: tf.GradSaveFunc) => {
    save([i]);
    return {
      value: tf.gather(t, i as tf.Tensor1D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const idx = saved[0]!;
        return [tf.scatterND(tf.reshape(idx, [-1, 1]), dy, [rows, dy.shape[1]!]), tf.zerosLike(idx)];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return (f as unknown as (t: tf.Tensor, i: tf.Tensor) => tf.Tensor)(table, indices) as tf.Tensor2D;
}
