/**
 * Errors the user must act on (bad arguments, malformed CSV). The CLIs print their message and
 * exit with code 2 and no stack trace; anything else is a bug and keeps its stack.
 */
export class TrainerUsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A malformed data file: names the file, the 1-based line and, when known, the 1-based column. */
export class CsvFormatError extends TrainerUsageError {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
    readonly column = 0,
  ) {
    super(line > 0 ? `${file}:${line}${column > 0 ? `:${column}` : ""}: ${detail}` : `${file}: ${detail}`);
  }
}
