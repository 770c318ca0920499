import { AppError } from '../../../shared/contract/errors';
import type { Database } from '../../db/database';
import { audit } from '../common/audit';
import { cadreInserter, countCadres } from '../roster/api';
import { clearHistory } from '../common/operation-log';
import { DEFAULT_DEMO_SEED, DEFAULT_DEMO_TODAY, generateDemo } from './generate';
import { loadLifecycleDemo } from './lifecycle';
import { clearAssessmentData, loadAssessmentDemo } from './assessment';
import { clearSecondmentData, loadSecondmentDemo } from './secondment';

export interface DemoCounts {
  units: number;
  cadres: number;
}

/**
 * Loads the embedded demo (a fictional city). Refuses to touch existing data
 * unless `force`, which replaces the roster and units in the same transaction.
 */
export function loadDemo(db: Database, opts: { force?: boolean; seed?: number; cadreCount?: number } = {}): DemoCounts {
  const data = generateDemo({ seed: opts.seed, cadreCount: opts.cadreCount });
  return db.transaction((): DemoCounts => {
    const existing = countCadres(db);
    const units = (db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n;
    if ((existing > 0 || units > 0) && !opts.force) {
      throw new AppError(
        'CONFLICT',
        `数据库中已有 ${existing} 名干部、${units} 个单位，未载入示例数据。如确需用示例数据替换全部现有数据，请使用“强制载入”（命令行加 --force）。`,
      );
    }
    if (opts.force) {
      // Everything is replaced, so the undo log of the old data goes too.
      clearHistory(db);
      clearAssessmentData(db);
      clearSecondmentData(db);
      db.exec('DELETE FROM cadres; DELETE FROM units;');
    }
    const insertUnit = db.prepare('INSERT INTO units(parent_id, name, kind, sort_order) VALUES (?, ?, ?, ?)');
    const unitIds = new Map<string, number>();
    for (const u of data.units) {
      const parent = u.parentKey === null ? null : unitIds.get(u.parentKey);
      if (parent === undefined) throw new Error(`demo unit ${u.key} listed before its parent ${u.parentKey}`);
      unitIds.set(u.key, Number(insertUnit.run(parent, u.name, u.kind, u.sortOrder).lastInsertRowid));
    }
    const insert = cadreInserter(db);
    const cadreIds = data.cadres.map((c, i) => {
      const { unitKey, ...fields } = c;
      return insert({ ...fields, unitId: unitIds.get(unitKey) ?? null, sortOrder: i + 1 });
    });
    // Events and 职数 that agree with the roster; the generator's 退休/调出 cadres go to the 历史库.
    loadLifecycleDemo(db, data, unitIds, cadreIds, DEFAULT_DEMO_TODAY);
    loadSecondmentDemo(db, opts.seed ?? DEFAULT_DEMO_SEED);
    // The Shenyang set scored for batch 4 (none when the roster was too small to staff the batches).
    const batch4 = db.prepare('SELECT id FROM secondment_batches WHERE seq = 4 ORDER BY id LIMIT 1').get() as { id: number } | undefined;
    if (batch4) {
      // The demo is one entry in the audit log (below), not the dozens its round's set-up would write.
      const mark = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM audit_log').get() as { id: number }).id;
      loadAssessmentDemo(db, batch4.id, { seed: opts.seed, finalisedBefore: new Date(Date.now() - 86_400_000).toISOString() });
      db.prepare('DELETE FROM audit_log WHERE id > ?').run(mark);
    }
    // Cadres in the roster: the generator's 退休/调出 are in the 历史库.
    const counts = { units: data.units.length, cadres: countCadres(db) };
    audit(db, { entity: 'database', action: opts.force ? 'demo.replace' : 'demo.load', after: { city: data.cityName, ...counts } });
    return counts;
  })();
}
