/** A detected lesion in the coordinates of the image the heatmap was computed for. */
export interface HeatmapBox {
  /** [x, y, width, height] in image pixels. */
  bbox: [number, number, number, number];
  /** Largest heatmap probability inside the component: the detector's raw confidence. */
  score: number;
  /** Index of that peak in the heatmap (row-major), e.g. to read other members' values there. */
  peak: number;
  /** Heatmap cells of the component, for per-box statistics over ensemble members. */
  cells: Int32Array;
}

/**
 * Candidate lesions from a probability heatmap (side × side cells, each covering
 * imageWidth / side × imageHeight / side pixels): 4-connected components of cells ≥ threshold,
 * each boxed and scored by its peak. Sorted by score, highest first.
 */
export function heatmapBoxes(
  heat: Float32Array,
  side: number,
  imageWidth: number,
  imageHeight: number,
  threshold: number,
): HeatmapBox[] {
  const label = new Int32Array(heat.length).fill(-1);
  const stack: number[] = [];
  const boxes: HeatmapBox[] = [];
  const [sx, sy] = [imageWidth / side, imageHeight / side];
  for (let start = 0; start < heat.length; start++) {
    if (label[start] !== -1 || !(heat[start]! >= threshold)) continue;
    const cells: number[] = [];
    let [x0, y0, x1, y1, peak] = [side, side, -1, -1, start];
    label[start] = boxes.length;
    stack.push(start);
    while (stack.length > 0) {
      const c = stack.pop()!;
      cells.push(c);
      const [x, y] = [c % side, Math.floor(c / side)];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (heat[c]! > heat[peak]!) peak = c;
      for (const n of [
        x > 0 ? c - 1 : -1,
        x < side - 1 ? c + 1 : -1,
        y > 0 ? c - side : -1,
        y < side - 1 ? c + side : -1,
      ]) {
        if (n >= 0 && label[n] === -1 && heat[n]! >= threshold) {
          label[n] = boxes.length;
          stack.push(n);
        }
      }
    }
    const [px0, py0] = [Math.floor(x0 * sx), Math.floor(y0 * sy)];
    const [px1, py1] = [
      Math.min(imageWidth, Math.ceil((x1 + 1) * sx)),
      Math.min(imageHeight, Math.ceil((y1 + 1) * sy)),
    ];
    boxes.push({ bbox: [px0, py0, px1 - px0, py1 - py0], score: heat[peak]!, peak, cells: Int32Array.from(cells) });
  }
  return boxes.sort((a, b) => b.score - a.score);
}
