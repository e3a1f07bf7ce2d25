/**
 * `npm run lesion:detect-gallery [-- --cxr ../shared/data/cxr] [--overlays <dir>]`: what the shipped
 * lesion detector finds on the real radiographs (through the Node library on the shipped
 * artifact: the worker's code on onnxruntime-node). Prints a markdown table (boxes, calibrated
 * confidences, member spread); with --overlays, writes each radiograph with its boxes drawn as
 * a PNG there — outside the repository, since the radiographs must not be copied into it.
 * The radiographs are all diseased and their masks are model predictions (SOURCE.md): this is a
 * gallery, not an accuracy claim.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { decodeImage } from "../shared/image/decode-image.ts";
import { toGray8 } from "../shared/image/gray-image.ts";
import { encodePng } from "../shared/image/png-codec.ts";
import type { LesionDetector } from "../shared/lesion-detect/detector.ts";
import { openModels } from "../shared/node/index.ts";
import { runCli, UserError } from "../trainers/common/cli.ts";

function drawBox(
  data: Uint8Array,
  width: number,
  height: number,
  [x, y, w, h]: readonly number[],
  value: number,
): void {
  for (let t = 0; t < 3; t++) {
    for (let i = x!; i < x! + w!; i++)
      for (const j of [y! + t, y! + h! - 1 - t]) if (j >= 0 && j < height && i < width) data[j * width + i] = value;
    for (let j = y!; j < y! + h!; j++)
      for (const i of [x! + t, x! + w! - 1 - t]) if (i >= 0 && i < width && j < height) data[j * width + i] = value;
  }
}

const GALLERY_HEADER = `# What the lesion detector finds on the eight real radiographs

Written by \`npm run lesion:detect-gallery -- --doc docs/lesion-detector-gallery.md\` (models/lesion-detector through the
Node library, the worker's code on onnxruntime-node). The radiographs are in ../shared/data/cxr (SOURCE.md): every
one shows pneumonia or ARDS, some carry tubes, lines and text; they are not copied here (\`--overlays <dir>\` draws
the boxes onto them outside the repository). The first five were training backgrounds for simulated lesions, the
sixth validation, the last two test. The detector was trained only on simulated lesions, so this is a gallery of
what it reacts to on real disease, not an accuracy figure: there are no lesion annotations to score against.
`;

await runCli("lesion:detect-gallery", async () => {
  const { values } = parseArgs({
    options: {
      cxr: { type: "string", default: "../shared/data/cxr" },
      overlays: { type: "string" },
      "min-confidence": { type: "string", default: "0.5" },
      doc: { type: "string" },
    },
  });
  const dir = join(values.cxr, "images");
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(".png"))
      .sort();
  } catch {
    throw new UserError(`${dir} cannot be read (the real radiographs live in ../shared/data/cxr)`);
  }
  const { compiled: detector } = await openModels().get("lesion-detector", "lesion-detector");
  const minConfidence = Number(values["min-confidence"]);
  if (values.overlays) mkdirSync(values.overlays, { recursive: true });
  const lines = [
    `| radiograph | size | boxes (confidence ≥ ${minConfidence}) | [x, y, w, h] · confidence · member spread |`,
    "|---|---|---|---|",
  ];
  for (const file of files) {
    const image = decodeImage(new Uint8Array(readFileSync(join(dir, file))));
    const { lesions } = await detector.detect(image, minConfidence);
    const cells = lesions
      .map((l) => `[${l.bbox.join(", ")}] · ${l.confidence.toFixed(2)} · ${l.epistemic.std.toFixed(3)}`)
      .join("<br>");
    lines.push(`| ${file} | ${image.width}×${image.height} | ${lesions.length} | ${cells || "—"} |`);
    if (values.overlays) {
      const gray = toGray8(image);
      const data = gray.data.slice();
      for (const l of lesions) drawBox(data, image.width, image.height, l.bbox, 255);
      writeFileSync(join(values.overlays, file), encodePng({ ...gray, data }));
    }
  }
  console.log(lines.join("\n"));
  if (values.doc) writeFileSync(values.doc, `${GALLERY_HEADER}\n${lines.join("\n")}\n`);
});
