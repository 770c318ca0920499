import type { InputOf, Method, OutputOf } from '../../shared/contract/api';
import type { ApiErrorShape } from '../../shared/contract/errors';
import type { Core } from '../../electron/services/core/core';

/** Typed calls through a core's dispatcher: `call` throws on a refusal, `fails` on a success. */
export function typedCalls(core: Core) {
  const call = async <M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> => {
    const r = await core.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.data as OutputOf<M>;
  };
  const fails = async <M extends Method>(method: M, input: InputOf<M>): Promise<ApiErrorShape> => {
    const r = await core.dispatch(method, input);
    if (r.ok) throw new Error(`${method} was expected to be refused`);
    return r.error;
  };
  return { call, fails };
}
