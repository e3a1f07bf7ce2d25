import type { Context } from "hono";
import type { SpnModel } from "../../shared/spn/load.ts";
import type { AppEnv } from "../env.ts";

/** `default` in a path means this model: the trained NLTCS ensemble when bundled, else the example. */
export const DEFAULT_ALIAS = "default";
const DEFAULT_CHOICES = ["nltcs", "example"];

export function resolveSpnName(c: Context<AppEnv>, name: string): string {
  if (name !== DEFAULT_ALIAS) return name;
  const registry = c.get("registry");
  return [c.env?.DEFAULT_SPN_MODEL, ...DEFAULT_CHOICES].find((n) => n && registry.has(n)) ?? name;
}

/** The verified, compiled SPN (once per isolate); unknown → 404, tampered or invalid → 503. */
export async function spnModel(c: Context<AppEnv>, name: string): Promise<SpnModel> {
  return (await c.get("registry").get(resolveSpnName(c, name), "spn")).compiled;
}
