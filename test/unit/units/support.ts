import type { InputOf } from '../../../shared/contract/api';
import { openCore, type Core } from '../../../electron/services/core/core';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import { routeCalls } from '../../support/dispatch';
import { tempDir } from '../../support/temp';

type CadreValues = NonNullable<InputOf<'saveCadres'>['creates']>[number]['values'];

/** An empty database with typed calls through the dispatcher (output schemas checked), and quick builders. */
export function openTree() {
  const tmp = tempDir();
  const core: Core = openCore({ dataDir: tmp.dir, appVersion: 'test', checkOutput: true });
  core.db.prepare("INSERT INTO settings(key, value) VALUES ('operator', '测试员')").run();
  const { call, refused: fails } = routeCalls(core);
  let seq = 0;
  return {
    tmp,
    core,
    db: core.db,
    call,
    fails,
    async unit(name: string, parentId: number | null = null, kind?: InputOf<'createUnit'>['kind']) {
      return (await call('createUnit', { parentId, name, kind })).id;
    },
    /** A cadre in `unitId` with a valid ID number; `values` as the grid sends them. */
    async cadre(name: string, unitId: number | null, values: CadreValues = {}) {
      const idNumber = makeIdNumber('210102', '1980-05-12', (seq += 2), '男');
      return (await call('saveCadres', { creates: [{ values: { name, idNumber, ...(unitId ? { unitId } : {}), ...values } }] })).created[0];
    },
    /** Every table the roster's history covers, for "undo restores everything". */
    dump() {
      const t = (sql: string) => JSON.stringify(core.db.prepare(sql).all());
      return [
        t('SELECT * FROM units ORDER BY id'),
        t('SELECT * FROM unit_names ORDER BY id'),
        t('SELECT * FROM unit_quotas ORDER BY id'),
        t('SELECT * FROM cadres ORDER BY id'),
        t('SELECT * FROM cadre_events ORDER BY id'),
      ].join('\n');
    },
    close() {
      core.close();
      tmp.cleanup();
    },
  };
}
export type Tree = ReturnType<typeof openTree>;
