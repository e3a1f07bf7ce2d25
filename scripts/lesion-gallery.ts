/**
 * Contact sheet of simulated lesions across the theta range: rows vary peak opacity (theta3 ->
 * scale 0.1 .. 1.0), columns vary texture (theta0 and theta1 together -> res 2..5, persistence
 * 0.2..1.0); lacunarity (theta2) and smooth area (theta4) are held at 0.5. Each tile is a
 * 256 px crop around the lesion at full resolution with the lesion box drawn as a dashed line.
 * Block 1 uses the thorax phantom; with --image (PNG or DICOM, optional --mask) a second block
 * uses that image. The last column of each block repeats column 3 with the beer-lambert model.
 *
 *   npm run lesion:gallery -- --out gallery.png [--image some.png|.dcm] [--mask mask.png] [--seed N]
 */
import { readFileSync, writeFileSync } from "node:fs";
import {
  decodeImage,
  encodePng,
  maskFromImage,
  toGray8,
  type BinaryMask,
  type Gray8Image,
  type GrayImage,
} from "../shared/image/index.ts";
import { thetaToParams, type Theta } from "../shared/lesion/lesion-params.ts";
import { renderPhantom } from "../shared/lesion/phantom.ts";
import { simulateLesions } from "../shared/lesion/simulate-lesions.ts";
import type { CompositingModel } from "../shared/lesion/compositing.ts";
import { createRng } from "../shared/numeric/rng.ts";

const TILE = 256;
const GUTTER = 4;
const SCALES = [0, 1 / 3, 2 / 3, 1]; // theta3
const TEXTURES = [0, 0.25, 0.5, 0.75, 1]; // theta0 = theta1
const COLUMNS: { texture: number; model: CompositingModel }[] = [
  ...TEXTURES.map((texture) => ({ texture, model: "linear" as const })),
  { texture: 0.5, model: "beer-lambert" },
];

function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]!;
    if (!key.startsWith("--") || argv[i + 1] === undefined) throw new Error(`unexpected argument ${key}`);
    args[key.slice(2)] = argv[++i]!;
  }
  return args;
}

/** Copies a TILE x TILE crop centred on (cx, cy) into the sheet and draws the lesion box. */
function pasteTile(
  sheet: Gray8Image,
  image: Gray8Image,
  cx: number,
  cy: number,
  bbox: readonly number[],
  left: number,
  top: number,
): void {
  const x0 = Math.max(0, Math.min(image.width - TILE, cx - TILE / 2));
  const y0 = Math.max(0, Math.min(image.height - TILE, cy - TILE / 2));
  for (let y = 0; y < Math.min(TILE, image.height); y++) {
    for (let x = 0; x < Math.min(TILE, image.width); x++) {
      sheet.data[(top + y) * sheet.width + left + x] = image.data[(y0 + y) * image.width + x0 + x]!;
    }
  }
  const [bx, by, bw, bh] = bbox as [number, number, number, number];
  const put = (x: number, y: number, k: number) => {
    const tx = x - x0,
      ty = y - y0;
    if (tx >= 0 && ty >= 0 && tx < TILE && ty < TILE)
      sheet.data[(top + ty) * sheet.width + left + tx] = k % 8 < 4 ? 255 : 0;
  };
  for (let x = bx - 1; x <= bx + bw; x++) {
    put(x, by - 1, x);
    put(x, by + bh, x);
  }
  for (let y = by - 1; y <= by + bh; y++) {
    put(bx - 1, y, y);
    put(bx + bw, y, y);
  }
}

function drawBlock(sheet: Gray8Image, top: number, image: GrayImage, mask: BinaryMask | undefined, seed: number): void {
  const radius = Math.max(4, Math.round((55 * Math.min(image.width, image.height)) / 1024));
  SCALES.forEach((scaleTheta, row) => {
    COLUMNS.forEach(({ texture, model }, col) => {
      const theta: Theta = [texture, texture, 0.5, scaleTheta, 0.5];
      const params = { ...thetaToParams(theta), radius };
      const options = mask ? { image, mask, params, count: 1, model } : { image, params, count: 1, model };
      const result = simulateLesions(createRng(seed), options);
      const lesion = result.lesions[0]!;
      const cx = lesion.bbox[0] + (lesion.bbox[2] >> 1),
        cy = lesion.bbox[1] + (lesion.bbox[3] >> 1);
      pasteTile(sheet, toGray8(result.image), cx, cy, lesion.bbox, col * (TILE + GUTTER), top + row * (TILE + GUTTER));
    });
  });
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const out = args.out ?? "gallery.png";
  const seed = Number(args.seed ?? 7);
  const blocks: { image: GrayImage; mask: BinaryMask | undefined }[] = [];
  const phantom = renderPhantom(createRng(seed), 1024);
  blocks.push({ image: phantom.image, mask: phantom.lungMask });
  if (args.image) {
    const image = decodeImage(readFileSync(args.image));
    blocks.push({ image, mask: args.mask ? maskFromImage(decodeImage(readFileSync(args.mask))) : undefined });
  }
  const blockHeight = SCALES.length * (TILE + GUTTER);
  const width = COLUMNS.length * (TILE + GUTTER) - GUTTER;
  const height = blocks.length * blockHeight - GUTTER;
  const sheet: Gray8Image = { width, height, bitDepth: 8, data: new Uint8Array(width * height).fill(40) };
  blocks.forEach((b, k) => drawBlock(sheet, k * blockHeight, b.image, b.mask, seed));
  const png = encodePng(sheet, { level: 9 });
  writeFileSync(out, png);
  console.log(
    JSON.stringify({
      out,
      bytes: png.length,
      width,
      height,
      rows: "scale 0.1, 0.4, 0.7, 1.0",
      columns: "res/persistence theta 0, .25, .5, .75, 1 (linear), .5 (beer-lambert)",
    }),
  );
}

main();
