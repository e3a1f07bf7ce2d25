import { CoreError } from "../../shared/errors.ts";

/** A mistake the user must fix (bad flag, unreadable input): message only, exit code 2. */
export class UserError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** node:util parseArgs reports unknown or malformed flags as TypeErrors with these codes. */
function isArgumentError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}

function isUserError(e: unknown): e is Error {
  return (
    e instanceof UserError ||
    e instanceof CoreError ||
    isArgumentError(e) ||
    (e as { exitCode?: unknown } | null)?.exitCode === 2
  );
}

/**
 * Runs a CLI's main: user mistakes (UserError, the core's typed errors, parseArgs errors) print
 * `<name>: <message>` and exit 2 without a stack; anything else is a bug and keeps its stack.
 */
export async function runCli(name: string, main: () => Promise<void> | void): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (!isUserError(e)) throw e;
    console.error(`${name}: ${e.message}`);
    process.exit(2);
  }
}
