import { env } from "cloudflare:test";
import { MODEL_MANIFESTS } from "../../models/index.ts";
import { ManifestSchema } from "../../shared/artifacts/manifest.ts";
import { modelObjectKey } from "../../shared/artifacts/object-key.ts";

// Runs in workerd before each worker test file: fills the MODELS bucket from models/ (through the
// Node-side MODELS_ON_DISK service, vitest.worker.config.ts), as `npm start` fills wrangler's local
// one. Files share the bucket, so only objects missing or stored with another sha256 are written.
const { MODELS, MODELS_ON_DISK } = env as unknown as { MODELS: R2Bucket; MODELS_ON_DISK: Fetcher };

const decoder = new TextDecoder();
const puts: Promise<unknown>[] = [];
for (const [name, bytes] of Object.entries(MODEL_MANIFESTS)) {
  for (const file of ManifestSchema.parse(JSON.parse(decoder.decode(bytes))).files) {
    const key = modelObjectKey(name, file);
    puts.push(
      (async () => {
        const head = await MODELS.head(key);
        if (head?.customMetadata?.sha256 === file.sha256) return;
        const res = await MODELS_ON_DISK.fetch(`http://models/${name}/${file.path}`);
        if (!res.ok) throw new Error(`models/${name}/${file.path}: ${res.status} from MODELS_ON_DISK`);
        await MODELS.put(key, await res.arrayBuffer(), {
          sha256: file.sha256,
          customMetadata: { sha256: file.sha256 },
        });
      })(),
    );
  }
}
await Promise.all(puts);
