import { describe, expect, it } from "vitest";
import { fractalNoise, type OctaveFilter } from "../../../shared/lesion/fractal-noise.ts";
import { createRng } from "../../../shared/numeric/rng.ts";

const N = 64;

/** Power |F(k)|² of the mean-removed image by a separable 2-D DFT (N is small: O(N³) is fine). */
function powerSpectrum(image: Float64Array): Float64Array {
  let mean = 0;
  for (const v of image) mean += v / image.length;
  const cos = Float64Array.from({ length: N }, (_, k) => Math.cos((2 * Math.PI * k) / N));
  const sin = Float64Array.from({ length: N }, (_, k) => Math.sin((2 * Math.PI * k) / N));
  const rowRe = new Float64Array(N * N);
  const rowIm = new Float64Array(N * N);
  for (let y = 0; y < N; y++) {
    for (let k = 0; k < N; k++) {
      let re = 0,
        im = 0;
      for (let x = 0; x < N; x++) {
        const v = image[y * N + x]! - mean;
        re += v * cos[(k * x) % N]!;
        im -= v * sin[(k * x) % N]!;
      }
      rowRe[y * N + k] = re;
      rowIm[y * N + k] = im;
    }
  }
  const power = new Float64Array(N * N);
  for (let k = 0; k < N; k++) {
    for (let l = 0; l < N; l++) {
      let re = 0,
        im = 0;
      for (let y = 0; y < N; y++) {
        const c = cos[(l * y) % N]!,
          s = -sin[(l * y) % N]!;
        const a = rowRe[y * N + k]!,
          b = rowIm[y * N + k]!;
        re += a * c - b * s;
        im += a * s + b * c;
      }
      power[l * N + k] = re * re + im * im;
    }
  }
  return power;
}

/** Share of the power above `cut` cycles per pixel (radial frequency). */
function highFrequencyShare(power: Float64Array, cut: number): number {
  let high = 0,
    all = 0;
  for (let l = 0; l < N; l++) {
    for (let k = 0; k < N; k++) {
      const f = Math.hypot((k <= N / 2 ? k : k - N) / N, (l <= N / 2 ? l : l - N) / N);
      all += power[l * N + k]!;
      if (f > cut) high += power[l * N + k]!;
    }
  }
  return high / all;
}

/** A 64² window of a 115-px lesion's texture (the typical size), mean over three seeds. */
function share(lacunarity: number, octaveFilter: OctaveFilter): number {
  let sum = 0;
  for (const seed of [1, 2, 3]) {
    const noise = fractalNoise(createRng(seed), N, N, {
      res: 4,
      persistence: 0.6,
      lacunarity,
      octaveFilter,
      basis: 115,
    });
    sum += highFrequencyShare(powerSpectrum(noise), 0.15) / 3;
  }
  return sum;
}

describe("octaves finer than the pixels", () => {
  it("band-limited, lacunarity moves power to high frequencies as in the paper", () => {
    const [two, three, four] = [2, 3, 4].map((l) => share(l, "band-limit"));
    expect(three!).toBeGreaterThan(1.5 * two!);
    expect(four!).toBeGreaterThan(1.5 * two!);
  });

  it("the former fade rule loses it: at lacunarity 4 the texture is smoother than at 2", () => {
    expect(share(4, "fade")).toBeLessThan(share(2, "fade"));
  });
});
