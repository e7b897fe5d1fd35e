export type CsvFatalCode = 'empty' | 'no_keyword_column' | 'binary' | 'too_large' | 'bad_encoding' | 'malformed';

/**
 * The file as a whole cannot be imported. Rows already yielded before this was thrown belong to the
 * same file, so a caller that writes as it reads must roll them back.
 */
export class CsvFatalError extends Error {
  override readonly name = 'CsvFatalError';

  constructor(
    readonly code: CsvFatalCode,
    message: string,
    /** The header cells found, when the code is `no_keyword_column`. */
    readonly columns?: readonly string[],
  ) {
    super(message);
  }
}
