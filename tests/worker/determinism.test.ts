import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import { responseDigests } from "../determinism-requests.ts";

it("gives byte-identical seeded responses in workerd and in Node (shared golden digests)", async () => {
  const digests = await responseDigests((path, init) => SELF.fetch(`http://api${path}`, init));
  await expect(digests).toMatchFileSnapshot("../golden/determinism.json");
});
