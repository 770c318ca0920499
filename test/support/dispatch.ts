/**
 * Calls through the dispatcher in tests, as IPC and the web host make them: the one way every
 * area's tests unwrap an answer. `routeData` gives the data and throws an error answer as the
 * AppError it was (code and details kept, the route's name before its Chinese message);
 * `routeError` gives the error and throws when the call went through.
 */
import type { InputOf, Method, OutputOf } from '../../shared/contract/api';
import { AppError, type ApiErrorShape, type ApiResult } from '../../shared/contract/errors';

/** A core, or anything else that answers routes (a worker's core, a child process's). */
export interface Dispatcher {
  dispatch(method: string, input: unknown): Promise<ApiResult<unknown>>;
}

/** The data of an answer (from a dispatcher or the web host); an error answer is thrown. */
export function answer<T>(method: string, r: ApiResult<unknown>): T {
  if (!r.ok) throw new AppError(r.error.code, `${method}: ${r.error.message}`, r.error.details);
  return r.data as T;
}

/** The error of an answer that was expected to be refused. */
export function refusal(method: string, r: ApiResult<unknown>): ApiErrorShape {
  if (r.ok) throw new Error(`${method} was expected to be refused`);
  return r.error;
}

export async function routeData<T = any>(core: Dispatcher, method: string, input: unknown = {}): Promise<T> {
  return answer<T>(method, await core.dispatch(method, input));
}

export async function routeError(core: Dispatcher, method: string, input: unknown = {}): Promise<ApiErrorShape> {
  return refusal(method, await core.dispatch(method, input));
}

/** routeData and routeError bound to one core and typed by the route table. */
export function routeCalls(core: Dispatcher) {
  return {
    call: <M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> => routeData<OutputOf<M>>(core, method, input),
    refused: (method: Method, input: unknown): Promise<ApiErrorShape> => routeError(core, method, input),
  };
}
