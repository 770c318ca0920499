import { openCore, type Core } from '../../../electron/services/core/core';
import { loadDemo } from '../../../electron/services/demo/load';
import { routeCalls } from '../../support/dispatch';
import { tempDir } from '../../support/temp';

/** A fresh database with the demo roster (`cadreCount` cadres) and typed calls through the dispatcher. */
export function openWorld(cadreCount = 60) {
  const tmp = tempDir();
  const core: Core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  const { call, refused: fails } = routeCalls(core);
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
