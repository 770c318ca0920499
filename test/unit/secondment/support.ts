import type { InputOf, Method, OutputOf } from '../../../shared/contract/api';
import type { ApiErrorShape } from '../../../shared/contract/errors';
import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { tempDir } from '../../support/temp';

/** A fresh database with the demo roster (`cadreCount` cadres) and typed calls through the dispatcher. */
export function openWorld(cadreCount = 60) {
  const tmp = tempDir();
  const core: Core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
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
  return {
    tmp,
    core,
    call,
    fails,
    load() {
      return loadDemo(core.db, { cadreCount });
    },
    close() {
      core.close();
      tmp.cleanup();
    },
  };
}
export type World = ReturnType<typeof openWorld>;
