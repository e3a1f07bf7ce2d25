import { expect, it } from "vitest";
import { createApp } from "../../../functions/app.ts";
import { ModelRegistry } from "../../../shared/artifacts/registry.ts";
import { MODEL_LOADERS } from "../../../shared/models.ts";
import { directorySource } from "../../../shared/node/model-source.ts";
import { responseDigests } from "../../determinism-requests.ts";

it("gives byte-identical seeded responses in Node and in workerd (shared golden digests)", async () => {
  const app = createApp({ registry: new ModelRegistry(directorySource("models"), MODEL_LOADERS) });
  const digests = await responseDigests(async (path, init) => app.request(path, init));
  await expect(digests).toMatchFileSnapshot("../../golden/determinism.json");
});
