import { z } from "zod";

/**
 * An array checked in one loop and returned as is. z.array(...) builds a copy of the array and of
 * every element, with per-element parse state: on a large artifact that is tens of MB of garbage
 * while it loads (27 MB for the number arrays of the 4 MB mvn wdbc; 32 MB of resident memory for
 * the 45,741 nodes of an accidents-sized graph), which a 128 MB isolate carries until V8 gives it
 * back. `accepts` is a cheap test of the element's shape; an element it rejects is parsed by
 * `element`, so that issues read exactly as zod's own, at [..., i, ...] paths.
 */
export function arrayInPlace<T>(element: z.ZodType<T>, accepts: (x: unknown) => boolean, min = 0) {
  return z.custom<T[]>().superRefine((value, ctx) => {
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: "invalid_type", expected: "array", input: value });
      return;
    }
    if (value.length < min)
      ctx.addIssue({ code: "too_small", origin: "array", minimum: min, inclusive: true, input: value });
    for (let i = 0; i < value.length; i++) {
      if (accepts(value[i])) continue;
      const parsed = element.safeParse(value[i]);
      if (!parsed.success)
        for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [i, ...issue.path] });
    }
  });
}

const isFiniteNumber = (x: unknown): boolean => typeof x === "number" && Number.isFinite(x);

/** An array of finite numbers (z.array(z.number())), returned as is. */
export const numberArray = () => arrayInPlace(z.number(), isFiniteNumber);

/** An array of finite numbers ≥ 0 (z.array(z.number().nonnegative())), returned as is. */
export const nonNegativeArray = () =>
  arrayInPlace(z.number().nonnegative(), (x) => isFiniteNumber(x) && (x as number) >= 0);
