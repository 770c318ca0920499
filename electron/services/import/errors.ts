import { AppError } from '../../../shared/contract/errors';

/** A file the importer refuses or cannot read: a Chinese sentence naming the file (and sheet). */
export function importError(message: string, details?: unknown): AppError {
  return new AppError('VALIDATION', message, details);
}

/** Thrown inside the pipeline when the user cancels; never reaches the user as an error. */
export class ImportCancelled extends Error {
  constructor() {
    super('导入已取消');
    this.name = 'ImportCancelled';
  }
}
