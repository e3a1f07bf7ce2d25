/**
 * Dense BFGS with Armijo backtracking (Nocedal & Wright, Algorithm 6.1), for the few dozen
 * parameters of a calibration map: f returns the value and writes the gradient.
 */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface Minimum {
  x: Float64Array;
  value: number;
  iterations: number;
}

export function minimiseBfgs(f: Objective, start: Float64Array, maxIterations = 200, tolerance = 1e-9): Minimum {
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let value = f(x, g);
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
  let it = 0;
  for (; it < maxIterations; it++) {
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i]! -= H[i * n + j]! * g[j]!;
    let slope = 0;
    for (let i = 0; i < n; i++) slope += d[i]! * g[i]!;
    if (slope >= 0) {
      // Not a descent direction (curvature lost): restart from steepest descent.
      H.fill(0);
      for (let i = 0; i < n; i++) (H[i * n + i] = 1), (d[i] = -g[i]!);
      slope = -g.reduce((s, v) => s + v * v, 0);
    }
    let step = 1;
    const xNew = new Float64Array(n);
    const gNew = new Float64Array(n);
    let vNew = Infinity;
    for (let tries = 0; tries < 40; tries++, step /= 2) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      vNew = f(xNew, gNew);
      if (Number.isFinite(vNew) && vNew <= value + 1e-4 * step * slope) break;
    }
    if (!(vNew < value)) break;
    const s = xNew.map((v, i) => v - x[i]!);
    const yv = gNew.map((v, i) => v - g[i]!);
    const sy = s.reduce((acc, v, i) => acc + v * yv[i]!, 0);
    const improvement = value - vNew;
    [x, g, value] = [xNew, gNew, vNew];
    if (improvement < tolerance * Math.max(1, Math.abs(value))) break;
    if (sy <= 1e-12) continue;
    // H <- (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
    const rho = 1 / sy;
    const Hy = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Hy[i]! += H[i * n + j]! * yv[j]!;
    const yHy = yv.reduce((acc, v, i) => acc + v * Hy[i]!, 0);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        H[i * n + j]! += -rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
      }
    }
  }
  return { x, value, iterations: it };
}
