/**
 * The one error shape that crosses every boundary (IPC, loopback HTTP, CLI).
 * The error class itself lives in shared/domain/common/errors.ts (domain rules throw it too).
 */
import type { ApiErrorShape } from '../domain/common/errors';

export { AppError, type ApiErrorShape, type ErrorCode } from '../domain/common/errors';

/** What every transport returns: never a thrown exception across the boundary. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorShape };
