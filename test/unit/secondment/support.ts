import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { tempDir } from '../../support/temp';
import { typedCalls } from '../../support/calls';

/** A fresh database with the demo roster (`cadreCount` cadres) and typed calls through the dispatcher. */
export function openWorld(cadreCount = 60) {
  const tmp = tempDir();
  const core: Core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  const { call, fails } = typedCalls(core);
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
