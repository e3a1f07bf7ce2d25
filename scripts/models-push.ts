/**
 * `npm run models:push -- <folder>… [--remote]`: uploads model folders to the MODELS R2 bucket as
 * `<name>/<sha256>/<file>` objects, after checking every file against its manifest. Local by default (the
 * bucket `npm start` and `wrangler dev` read, under .wrangler/state); `--remote` uploads to the
 * account's bucket with `wrangler r2 object put --remote` (needs `wrangler login`). `--all` pushes
 * every folder in models/. Bad input exits 2.
 * The local push skips objects whose stored sha256 already matches, so `npm start` can run it
 * every time (scripts/start.mjs runs `--seed`: seedLocalModels).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { modelNamesIn } from "../shared/node/model-source.ts";
import {
  deployedIndexMismatch,
  ModelFolderError,
  modelObjects,
  modelsBucketName,
  type ModelObject,
} from "./model-objects.ts";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** The slice of R2's binding API the local push uses (typed here: the Node tsconfig has no workers types). */
interface LocalBucket {
  head(key: string): Promise<{ size: number; customMetadata?: Record<string, string> } | null>;
  put(
    key: string,
    value: Uint8Array,
    options: { sha256: string; customMetadata: Record<string, string> },
  ): Promise<unknown>;
}

export interface PushCounts {
  uploaded: number;
  unchanged: number;
  bytes: number;
}

/**
 * Puts the objects into wrangler's local R2 for this project (the persistence `wrangler dev`
 * uses by default: <root>/.wrangler/state/v3), skipping those already stored with their sha256.
 */
export async function pushLocal(objects: readonly ModelObject[], root = ROOT): Promise<PushCounts> {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";
  // Imported here: loading wrangler takes seconds, and a start with a current bucket needs none of it.
  const { getPlatformProxy } = await import("wrangler");
  const proxy = await getPlatformProxy<{ MODELS?: LocalBucket }>({
    configPath: join(root, "wrangler.toml"),
    persist: { path: join(root, ".wrangler/state/v3") },
    remoteBindings: false,
  });
  const counts: PushCounts = { uploaded: 0, unchanged: 0, bytes: 0 };
  try {
    const bucket = proxy.env.MODELS;
    if (!bucket) throw new ModelFolderError('wrangler.toml: no R2 binding named "MODELS"');
    for (const o of objects) {
      const head = await bucket.head(o.key);
      if (head && head.size === o.bytes && head.customMetadata?.sha256 === o.sha256) {
        counts.unchanged++;
        continue;
      }
      await bucket.put(o.key, new Uint8Array(readFileSync(o.path)), {
        sha256: o.sha256,
        customMetadata: { sha256: o.sha256 },
      });
      counts.uploaded++;
      counts.bytes += o.bytes;
    }
  } finally {
    await proxy.dispose();
  }
  return counts;
}

/** Uploads to the account's bucket, one `wrangler r2 object put --remote` per object. */
export function pushRemote(
  objects: readonly ModelObject[],
  bucket = modelsBucketName(join(ROOT, "wrangler.toml")),
): void {
  for (const o of objects) {
    console.log(`r2 put ${bucket}/${o.key} (${o.bytes} bytes, sha256 ${o.sha256.slice(0, 12)}…)`);
    execFileSync("npx", ["wrangler", "r2", "object", "put", `${bucket}/${o.key}`, "--file", o.path, "--remote"], {
      stdio: "inherit",
      cwd: ROOT,
    });
  }
}

/**
 * Every model under models/ into the local bucket; what `npm start` runs before wrangler dev.
 * Starting the local R2 to compare hashes takes ~10 s on a loaded machine, so a record of the last
 * seed (keys and sha256) is kept beside wrangler's state and a start with unchanged models skips
 * it; `npm run models:push -- --all` compares against the bucket itself.
 */
export async function seedLocalModels(root = ROOT): Promise<PushCounts | "unchanged"> {
  const modelsDir = join(root, "models");
  const objects = modelNamesIn(modelsDir).flatMap((name) => modelObjects(join(modelsDir, name)).objects);
  const stampPath = join(root, ".wrangler/state/models-seeded.json");
  const stamp = JSON.stringify(objects.map((o) => [o.key, o.sha256]));
  const bucketDir = join(root, ".wrangler/state/v3/r2", modelsBucketName(join(root, "wrangler.toml")));
  if (existsSync(bucketDir) && existsSync(stampPath) && readFileSync(stampPath, "utf8") === stamp) return "unchanged";
  const counts = await pushLocal(objects, root);
  writeFileSync(stampPath, stamp);
  return counts;
}

async function main(argv: string[]): Promise<void> {
  if (argv.length === 1 && argv[0] === "--seed") {
    const c = await seedLocalModels();
    console.log(
      c === "unchanged"
        ? "local model bucket: current (models/ unchanged since the last seed)"
        : `local model bucket: ${c.uploaded} objects uploaded (${(c.bytes / 2 ** 20).toFixed(1)} MiB), ${c.unchanged} already current`,
    );
    return;
  }
  const remote = argv.includes("--remote");
  const unknown = argv.find((a) => a.startsWith("--") && a !== "--remote" && a !== "--all");
  if (unknown)
    throw new ModelFolderError(
      `unknown option ${unknown} (usage: npm run models:push -- <folder>… [--remote] | --all [--remote])`,
    );
  const folders = argv.includes("--all")
    ? modelNamesIn(join(ROOT, "models")).map((n) => join(ROOT, "models", n))
    : argv.filter((a) => !a.startsWith("--"));
  if (folders.length === 0)
    throw new ModelFolderError("usage: npm run models:push -- <folder>… [--remote] | --all [--remote]");
  const objects: ModelObject[] = [];
  for (const folder of folders) {
    const { name, objects: own } = modelObjects(folder);
    const mismatch = deployedIndexMismatch(folder, name, join(ROOT, "models"));
    if (mismatch) console.warn(`warning: ${mismatch}`);
    objects.push(...own);
  }
  if (remote) {
    pushRemote(objects);
    console.log(`pushed ${objects.length} objects to the remote bucket`);
  } else {
    // The bucket may now differ from models/: the next `npm start` compares it again.
    rmSync(join(ROOT, ".wrangler/state/models-seeded.json"), { force: true });
    const c = await pushLocal(objects);
    console.log(
      `local bucket: ${c.uploaded} objects uploaded (${(c.bytes / 2 ** 20).toFixed(1)} MiB), ${c.unchanged} already current`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof ModelFolderError ? e.message : e);
    process.exit(e instanceof ModelFolderError ? 2 : 1);
  });
}
