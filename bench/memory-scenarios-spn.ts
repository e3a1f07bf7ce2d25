/** The SPN endpoints at their caps, for bench/memory.ts (nltcs: binary; wdbc: a mixed table). */
import { readFileSync } from "node:fs";
import { createRng, standardNormal } from "../shared/numeric/rng.ts";
import {
  MAX_BATCH_ROWS,
  MAX_MARGINAL_VALUES,
  MAX_MPE_EDGE_VISITS,
  MAX_SAMPLES,
  mpeEdgeVisits,
} from "../shared/spn/caps.ts";
import { loadSpn } from "../shared/spn/load.ts";
import { json, type MemoryScenario } from "./memory-request.ts";

/** nltcs rows: 16 binary variables x0..x15, all observed, ~200 bytes a row. */
function nltcsRows(n: number): Record<string, number>[] {
  return Array.from({ length: n }, (_, r) =>
    Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`x${i}`, (r >> (i % 14)) & 1])),
  );
}

/**
 * wdbc rows (multivariate Gaussian leaves): the 30 measurements drawn around the training means
 * and sds the manifest records, the first `observed` of them in every row (the others
 * marginalised): one missing pattern per request, as a table of patients with the same
 * measurements sends (each distinct pattern costs one factorisation per leaf and member).
 */
function wdbcRows(n: number, observed: number): Record<string, number>[] {
  const manifest = JSON.parse(readFileSync("models/wdbc/manifest.json", "utf8")) as {
    training: { table: { columns: { name: string; kind: string; mean?: number; sd?: number }[] } };
  };
  const columns = manifest.training.table.columns.filter((c) => c.kind === "continuous");
  const rng = createRng(9);
  return Array.from({ length: n }, (_, r) =>
    Object.fromEntries(
      columns
        .slice(0, observed)
        .map((c) => [c.name, Number((c.mean! + c.sd! * (standardNormal(rng) * 0.8 + (r % 3) * 0.1)).toPrecision(5))]),
    ),
  );
}

/** MEMORY_ROWS overrides the SPN batch size (to see how memory grows with it). */
const batchRows = (): number => Number(process.env.MEMORY_ROWS ?? MAX_BATCH_ROWS);

/** The most rows of a model one MPE batch may carry (its work cap, shared/spn/caps.ts). */
function mpeRows(model: string): number {
  const { spn } = loadSpn(readFileSync(`models/${model}/spn.json`, "utf8"), model);
  return Math.floor(MAX_MPE_EDGE_VISITS / mpeEdgeVisits(spn, 1));
}
const nltcsMpeRows = (): number => mpeRows("nltcs");

export const SPN_SCENARIOS: MemoryScenario[] = [
  {
    name: "spn/logprob",
    cap: `${MAX_BATCH_ROWS} rows`,
    warm: () => json("/v1/spn/nltcs/logprob", { evidence: [{ x0: 1 }] }),
    atCap: () =>
      json("/v1/spn/nltcs/logprob", {
        evidence: nltcsRows(batchRows()).map((r) => Object.fromEntries(Object.entries(r).slice(0, 6))),
      }),
  },
  {
    name: "spn/marginals",
    cap: `${MAX_MARGINAL_VALUES / 32} rows x 16 binary variables = MAX_MARGINAL_VALUES`,
    warm: () => json("/v1/spn/nltcs/marginals", { evidence: { x0: 1 } }),
    atCap: () =>
      json("/v1/spn/nltcs/marginals", {
        evidenceBatch: nltcsRows(Number(process.env.MEMORY_ROWS ?? MAX_MARGINAL_VALUES / 32)).map((r) =>
          Object.fromEntries(Object.entries(r).slice(0, 5)),
        ),
      }),
  },
  {
    name: "spn/conditional",
    cap: `${MAX_BATCH_ROWS} rows`,
    warm: () => json("/v1/spn/nltcs/conditional", { query: { x3: 1 }, evidence: { x0: 1 } }),
    atCap: () =>
      json("/v1/spn/nltcs/conditional", {
        query: { x10: 1 },
        evidenceBatch: nltcsRows(Math.min(batchRows(), nltcsMpeRows())).map((r) =>
          Object.fromEntries(Object.entries(r).slice(0, 5)),
        ),
      }),
  },
  {
    name: "spn/mpe",
    cap: `MAX_MPE_EDGE_VISITS: ${nltcsMpeRows()} rows`,
    warm: () => json("/v1/spn/nltcs/mpe", { evidence: { x0: 1 } }),
    atCap: () =>
      json("/v1/spn/nltcs/mpe", {
        evidenceBatch: nltcsRows(Math.min(batchRows(), nltcsMpeRows())).map((r) =>
          Object.fromEntries(Object.entries(r).slice(0, 5)),
        ),
      }),
  },
  {
    name: "spn/sample",
    cap: `n = ${MAX_SAMPLES}`,
    warm: () => json("/v1/spn/nltcs/sample", { n: 1, seed: 1 }),
    atCap: () => json("/v1/spn/nltcs/sample", { n: MAX_SAMPLES, seed: 1 }),
  },
  {
    name: "spn/wdbc conditional",
    cap: `${MAX_BATCH_ROWS} rows of 3 measurements`,
    warm: () => json("/v1/spn/wdbc/conditional", { query: { diagnosis: "malignant" }, evidence: wdbcRows(1, 3)[0] }),
    atCap: () =>
      json("/v1/spn/wdbc/conditional", { query: { diagnosis: "malignant" }, evidenceBatch: wdbcRows(batchRows(), 3) }),
  },
  {
    name: "spn/wdbc logprob",
    cap: `${MAX_BATCH_ROWS} rows of 3 measurements`,
    warm: () => json("/v1/spn/wdbc/logprob", { evidence: wdbcRows(1, 3) }),
    atCap: () => json("/v1/spn/wdbc/logprob", { evidence: wdbcRows(batchRows(), 3) }),
  },
  {
    name: "spn/wdbc mpe",
    cap: "MAX_MPE_EDGE_VISITS (rows of 3 measurements)",
    warm: () => json("/v1/spn/wdbc/mpe", { evidence: wdbcRows(1, 3)[0] }),
    atCap: () => json("/v1/spn/wdbc/mpe", { evidenceBatch: wdbcRows(Math.min(batchRows(), mpeRows("wdbc")), 3) }),
  },
  {
    name: "spn/wdbc marginals",
    cap: `${Math.floor(MAX_MARGINAL_VALUES / 62)} rows x 62 values, 30 measurements`,
    warm: () => json("/v1/spn/wdbc/marginals", { evidence: wdbcRows(1, 3)[0] }),
    atCap: () => json("/v1/spn/wdbc/marginals", { evidenceBatch: wdbcRows(Math.floor(MAX_MARGINAL_VALUES / 62), 15) }),
  },
  {
    name: "spn/wdbc sample",
    cap: `n = ${MAX_SAMPLES}`,
    warm: () => json("/v1/spn/wdbc/sample", { n: 1, seed: 1 }),
    atCap: () => json("/v1/spn/wdbc/sample", { n: MAX_SAMPLES, seed: 1, evidence: wdbcRows(1, 3)[0] }),
  },
];
