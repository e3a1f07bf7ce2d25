/**
 * Adam (Kingma & Ba 2015) on flat Float64Array parameters, deterministic: the fitters here run
 * in plain TypeScript (no tfjs), so a seed fixes every bit of the result.
 */
export class Adam {
  #m: Float64Array;
  #v: Float64Array;
  #t = 0;

  constructor(
    size: number,
    readonly rate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-8,
  ) {
    this.#m = new Float64Array(size);
    this.#v = new Float64Array(size);
  }

  /** θ ← θ − rate · m̂ / (√v̂ + ε) for the gradient of a loss to minimise. */
  step(theta: Float64Array, gradient: ArrayLike<number>): void {
    this.#t++;
    const c1 = 1 - this.beta1 ** this.#t;
    const c2 = 1 - this.beta2 ** this.#t;
    for (let k = 0; k < theta.length; k++) {
      const g = gradient[k]!;
      this.#m[k] = this.beta1 * this.#m[k]! + (1 - this.beta1) * g;
      this.#v[k] = this.beta2 * this.#v[k]! + (1 - this.beta2) * g * g;
      theta[k]! -= (this.rate * (this.#m[k]! / c1)) / (Math.sqrt(this.#v[k]! / c2) + this.epsilon);
    }
  }
}
