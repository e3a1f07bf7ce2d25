/** Max-shifted log(sum(exp(x))) over x[from, to); -Infinity for an empty or all -Infinity range. */
export function logSumExp(x: ArrayLike<number>, from = 0, to = x.length): number {
  let max = -Infinity;
  for (let i = from; i < to; i++) if (x[i]! > max) max = x[i]!;
  if (max === -Infinity) return -Infinity;
  if (max === Infinity) return Infinity;
  let sum = 0;
  for (let i = from; i < to; i++) sum += Math.exp(x[i]! - max);
  return max + Math.log(sum);
}

/** log(exp(a) + exp(b)) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
