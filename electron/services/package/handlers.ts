/**
 * 上报 / 接收 / 汇总 (routes/package.ts): a package out, packages verified and
 * previewed together (the preview kept in the plan store), the merge by plan id.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { packageRoutes } from '../../../shared/contract/api';
import { AppError } from '../../../shared/contract/errors';
import type { ConflictChoice } from '../../../shared/domain/package/conflicts';
import { PACKAGE_EXT, PACKAGE_LIMITS } from '../../../shared/domain/package/manifest';
import { SCHEMA_VERSION } from '../../db/database';
import { decodeUpload, deliver, uploadName } from '../common/files';
import { PREVIEW_SHELF } from '../common/plan-store';
import type { ServiceContext } from '../core/context';
import type { HandlersOf } from '../core/dispatcher';
import { buildPackage, keepSenderId } from './export';
import { mergePackages } from './merge';
import { planMerge } from './plan';
import { previewOf } from './preview';
import { planSecondment } from './secondment';
import { readPackage, type LoadedPackage } from './verify';

const PACKAGE_MIME = 'application/zip';

interface StoredPlan {
  packages: LoadedPackage[];
  placeUnder: Map<string, number | null>;
}

export function packageHandlers({ db, appVersion, plans }: ServiceContext): HandlersOf<typeof packageRoutes> {
  // One preview at a time: a city's packages parsed are hundreds of MB; a new preview replaces the last.
  const shelf = plans.shelf<StoredPlan>('package', { ...PREVIEW_SHELF, max: 1 });
  return {
    exportPackage: async input => {
      const built = await buildPackage(db, {
        unitId: input.unitId,
        date: input.date,
        withXlsx: input.withXlsx,
        withLrmx: input.withLrmx,
        without: input.without,
        appVersion,
      });
      // Read back through the receiver's own checks before anyone gets it (a write is then renamed into place).
      const check = (bytes: Uint8Array) => void readPackage(bytes, built.fileName, SCHEMA_VERSION);
      check(built.bytes);
      const file = deliver(built.fileName, PACKAGE_MIME, built.bytes, input.outPath, [PACKAGE_EXT], tmp => check(fs.readFileSync(tmp)));
      keepSenderId(db, built.senderId);
      return { ...file, ...built.counts, includes: built.includes, sha256: built.sha256 };
    },
    previewPackages: input => {
      // The last preview goes first, so its packages are freed before the next are read.
      shelf.clear();
      const packages = input.files.map(f => {
        if ('path' in f) {
          const name = path.basename(f.path);
          let size: number;
          try {
            size = fs.statSync(f.path).size;
          } catch {
            throw new AppError('NOT_FOUND', `找不到文件「${f.path}」`);
          }
          if (size > PACKAGE_LIMITS.bytes) throw new AppError('VALIDATION', `数据包「${name}」超过 1 GB，未接收，数据未修改。`);
          return readPackage(fs.readFileSync(f.path), name, SCHEMA_VERSION);
        }
        return readPackage(decodeUpload(f.base64), uploadName(f.name, `数据包${PACKAGE_EXT}`), SCHEMA_VERSION);
      });
      const placeUnder = new Map((input.placeUnder ?? []).map(p => [p.senderId, p.unitId]));
      const plan = planMerge(db, packages, placeUnder);
      const planId = shelf.put({ packages, placeUnder });
      return previewOf(db, plan, planId, planSecondment(db, plan).counts);
    },
    mergePackages: input => {
      const stored = shelf.get(input.planId);
      if (!stored) throw new AppError('NOT_FOUND', '预览已过期（超过 1 小时或数据已重新打开），请重新选择数据包接收。');
      const choices = new Map<string, ConflictChoice>(
        (input.choices ?? []).map(c => [c.key, c.take === 'fields' ? { take: 'fields', fields: c.fields } : { take: c.take }]),
      );
      const result = mergePackages(db, stored.packages, stored.placeUnder, { choices, onConflict: input.onConflict ?? 'ours' });
      shelf.delete(input.planId);
      return result;
    },
  };
}
