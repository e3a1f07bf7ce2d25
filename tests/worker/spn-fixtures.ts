import { SELF } from "cloudflare:test";
import { json, problemOf } from "./fixtures.ts";

export const BASE = "http://api/v1/spn/example";

/** POST to the example model's endpoint `path`: the JSON answer, or the problem on an error. */
export async function post(path: string, body: unknown) {
  const res = await SELF.fetch(`${BASE}/${path}`, json(body));
  return {
    status: res.status,
    body: (res.status === 200 ? await res.json() : await problemOf(res)) as Record<string, any>,
  };
}

/** Two binary variables, one product of leaves; p(b = 1) = 0 so evidence b = 1 has probability zero. */
export const ZERO_SPN = JSON.stringify({
  format: "spn",
  formatVersion: 1,
  variables: [
    { name: "a", type: "bernoulli" },
    { name: "b", type: "bernoulli" },
  ],
  nodes: [
    { kind: "leaf", variable: 0 },
    { kind: "leaf", variable: 1 },
    { kind: "product", children: [0, 1] },
  ],
  members: [{ weights: [], leafParams: [0.3, 0] }],
});
