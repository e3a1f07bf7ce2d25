import { expect, it } from "vitest";
import { MODEL_FILES } from "../../models/index.ts";
import { ManifestSchema } from "../../shared/artifacts/manifest.ts";
import { sha256Hex } from "../../shared/artifacts/sha256.ts";

it("bundles every file of every model byte for byte (wrangler's Data rule covers each extension)", async () => {
  expect(Object.keys(MODEL_FILES).length).toBeGreaterThanOrEqual(2);
  for (const [name, files] of Object.entries(MODEL_FILES)) {
    const manifest = ManifestSchema.parse(JSON.parse(new TextDecoder().decode(files["manifest.json"])));
    for (const file of manifest.files) {
      const bytes = files[file.path];
      expect(bytes, `${name}/${file.path}`).toBeInstanceOf(ArrayBuffer);
      expect(bytes!.byteLength, `${name}/${file.path}`).toBe(file.bytes);
      expect(await sha256Hex(bytes!), `${name}/${file.path}`).toBe(file.sha256);
    }
  }
});
