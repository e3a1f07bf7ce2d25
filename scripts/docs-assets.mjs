// Copies Swagger UI's prebuilt bundle from node_modules (swagger-ui-dist, pinned in package.json)
// into assets/swagger-ui/, the folder wrangler.toml's [assets] serves beside the worker, so that
// /docs needs no CDN. The folder is git-ignored (no vendored bundle in the repository); npm start,
// npm run build:dry and the workerd test suite (vitest.worker.config.ts) call this first.
// `node scripts/docs-assets.mjs` runs it by hand.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DOCS_ASSETS_DIR = join(ROOT, "assets", "swagger-ui");
/** The only files the page loads (no standalone preset: the page has no top bar). */
const FILES = ["swagger-ui-bundle.js", "swagger-ui.css"];

export function copyDocsAssets() {
  const source = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  mkdirSync(DOCS_ASSETS_DIR, { recursive: true });
  for (const file of FILES) {
    const from = join(source, file);
    const to = join(DOCS_ASSETS_DIR, file);
    // Copy only when changed, so that wrangler dev's watcher does not reload for nothing.
    if (existsSync(to) && statSync(to).size === statSync(from).size && readFileSync(to).equals(readFileSync(from)))
      continue;
    copyFileSync(from, to);
  }
  return DOCS_ASSETS_DIR;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`docs assets: ${copyDocsAssets()}`);
}
