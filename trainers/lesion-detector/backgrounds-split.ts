import { existsSync } from "node:fs";
import { join } from "node:path";
import { renderPhantom } from "../../shared/lesion/index.ts";
import { createRng } from "../../shared/numeric/rng.ts";
import { loadBackgrounds } from "../lesion-dataset/backgrounds.ts";
import { prepareBackground, type PreparedBackground } from "../lesion-dataset/make-sample.ts";

export interface BackgroundPools {
  train: PreparedBackground[];
  valid: PreparedBackground[];
  test: PreparedBackground[];
  /** Which real radiographs went where (names), for the report. */
  real: { train: string[]; valid: string[]; test: string[] };
}

/** Phantoms per split: fixed seeds per split, so no test phantom is ever a training phantom. */
const PHANTOMS = { train: 48, valid: 12, test: 12 } as const;
const PHANTOM_SEED_BASE = { train: 1_000, valid: 2_000, test: 3_000 } as const;

/**
 * Training, validation and test backgrounds: seeded phantoms, plus the real radiographs of
 * `cxrDir` (images/ + masks/) when it exists, split by name order 5 / 1 / 2 so that test
 * radiographs are never trained on. Each real radiograph is repeated to weigh as much as four
 * phantoms, so that real anatomy is not swamped by the phantoms.
 */
export function backgroundPools(side: number, cxrDir: string | null): BackgroundPools {
  const pools: BackgroundPools = { train: [], valid: [], test: [], real: { train: [], valid: [], test: [] } };
  for (const split of ["train", "valid", "test"] as const) {
    for (let i = 0; i < PHANTOMS[split]; i++) {
      const { image, lungMask } = renderPhantom(createRng(PHANTOM_SEED_BASE[split] + i), side);
      pools[split].push({ name: `phantom-${split}-${i}`, image, lungMask });
    }
  }
  if (cxrDir !== null && existsSync(cxrDir)) {
    const real = loadBackgrounds(join(cxrDir, "images"), join(cxrDir, "masks"));
    real.forEach((b, i) => {
      const split = i < 5 ? "train" : i < 6 ? "valid" : "test";
      pools.real[split].push(b.name);
      const prepared = prepareBackground(b, side);
      for (let r = 0; r < 4; r++) pools[split].push(prepared);
    });
  }
  return pools;
}
