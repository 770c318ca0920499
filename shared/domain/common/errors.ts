/**
 * The one error every layer throws: services, domain rules and the contract alike.
 * `message` is always Simplified Chinese and safe to show to the user as is.
 * (Here, not in shared/contract, because domain rules throw it too; the contract re-exports it.)
 */
export type ErrorCode =
  | 'VALIDATION' // the input does not match the contract or a domain rule
  | 'NOT_FOUND'
  | 'CONFLICT' // e.g. demo data requested over existing data without force
  | 'FOREIGN_DB' // the data file is not a Cadre Desk database
  | 'DB_TOO_NEW' // the data file was written by a newer version of the app
  | 'UNKNOWN_METHOD'
  | 'FORBIDDEN'
  | 'BUSY' // another program holds the database for writing
  | 'STORAGE' // the disk is full, read-only, not permitted or failing
  | 'INTERNAL';

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Thrown by services; turned into ApiErrorShape by the dispatcher. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toShape(): ApiErrorShape {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}
