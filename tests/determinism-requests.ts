/**
 * Seeded requests whose responses must be byte-identical in Node and in workerd. Both suites
 * hash each response body and compare with the same golden file, tests/golden/determinism.json.
 */
export const DETERMINISM_REQUESTS: { name: string; path: string; init?: RequestInit }[] = [
  { name: "phantom", path: "/v1/lesions/phantom?seed=21&size=96" },
  {
    name: "simulate-linear",
    path: "/v1/lesions/simulate",
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ size: 96, seed: 8, count: 2, model: "linear" }),
    },
  },
  {
    name: "simulate-attenuation",
    path: "/v1/lesions/simulate",
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ size: 96, seed: 8, count: 2 }),
    },
  },
  {
    name: "simulate-beer-lambert",
    path: "/v1/lesions/simulate",
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ size: 96, seed: 9, model: "beer-lambert", preset: "subtle" }),
    },
  },
  {
    name: "spn-sample",
    path: "/v1/spn/example/sample",
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ n: 50, seed: 12, evidence: { fever: "yes" } }),
    },
  },
  {
    name: "spn-marginals",
    path: "/v1/spn/example/marginals",
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ evidence: { cough: "yes" } }),
    },
  },
  {
    // Posterior parameter draws (Gamma variates, log-space Dirichlets) behind the spread: same bytes in both runtimes.
    name: "spn-conditional-nltcs-draws",
    path: "/v1/spn/nltcs/conditional",
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: { x3: 1 }, evidence: { x0: 1, x5: 0 } }),
    },
  },
  {
    // A mixed table (continuous and categorical columns): conditional draws, marginals with parameter draws.
    name: "spn-sample-wdbc",
    path: "/v1/spn/wdbc/sample",
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ n: 5, seed: 3, evidence: { radius_worst: 23.0, texture_worst: 30.0 } }),
    },
  },
  {
    name: "spn-marginals-wdbc",
    path: "/v1/spn/wdbc/marginals",
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        evidence: { radius_worst: 23.0, texture_worst: 30.0, concave_points_worst: 0.2 },
        variables: ["diagnosis", "area_worst"],
      }),
    },
  },
  {
    name: "uncertainty",
    path: "/v1/uncertainty",
    init: {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        logits: [
          [1, 2, 3],
          [3, 2, 1],
        ],
      }),
    },
  },
];

/** sha256 of each response body (and its status), by request name. */
export async function responseDigests(send: (path: string, init?: RequestInit) => Promise<Response>): Promise<string> {
  const out: Record<string, string> = {};
  for (const { name, path, init } of DETERMINISM_REQUESTS) {
    const res = await send(path, init);
    const digest = await crypto.subtle.digest("SHA-256", await res.arrayBuffer());
    out[name] = `${res.status} ${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  }
  return JSON.stringify(out, null, 2) + "\n";
}
