import { CoreError } from "../../../shared/errors.ts";

/** The CoreError code `run` throws, "no error", or a description of any other (raw) throw. */
export function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof CoreError) return e.code;
    return `raw ${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  return "no error";
}
