import { z } from "zod";

/**
 * An array of finite numbers, checked in one loop and returned as is: z.array(z.number()) builds a
 * copy and per-element parse state, about 27 MB of garbage on the 4 MB mvn wdbc artifact while it
 * loads, which a 128 MB isolate carries until V8 gives it back. Issues read as zod's own
 * ("Invalid input: expected number, received string" at [..., i]).
 */
export function numberArray() {
  return z.custom<number[]>().superRefine((value, ctx) => {
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: "invalid_type", expected: "array", input: value });
      return;
    }
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (typeof x !== "number" || !Number.isFinite(x))
        ctx.addIssue({ code: "invalid_type", expected: "number", input: x, path: [i] });
    }
  });
}
