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

/** A CSV that is not rows of 0/1: names the file and the 1-based line. */
export class CsvFormatError extends TrainerUsageError {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${detail}` : `${file}: ${detail}`);
  }
}
