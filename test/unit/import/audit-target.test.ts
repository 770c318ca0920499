/**
 * The 审计日志 entry of an import run names what was imported into (the
 * summary the audit page, its .xlsx export and `cadre audit` all show).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/services/core/core';
import { auditPage } from '../../../electron/services/audit/query';
import type { ImportJob } from '../../../shared/contract/api';
import { tempDir } from '../../support/temp';
import { ID, tmpFile, writeSheet } from './fixtures';
import { call, commitJob, planFile } from './support';

let tmp: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  tmp = tempDir('cadre-import-audit-');
  core = openCore({ dataDir: tmp.dir, appVersion: 'test' });
  core.db.prepare("INSERT INTO units(name, sort_order) VALUES ('市财政局', 0)").run();
});
afterEach(() => {
  core.close();
  tmp.cleanup();
});

const importSummaries = () => auditPage(core.db, { kind: 'import', offset: 0, limit: 50 }).rows.map(r => r.summary);

describe('the audit entry of an import run', () => {
  it('names the roster, a batch (by its name) and an assessment round', async () => {
    const file = tmpFile(tmp.dir, '花名册.xlsx');
    writeSheet(file, [
      ['姓名', '性别', '出生年月', '身份证号', '单位'],
      ['张三', '男', '1985.03', ID.zhang, '市财政局'],
    ]);
    await commitJob(core, (await planFile(core, file, { mode: 'update' })).jobId);
    expect(importSummaries()[0]).toBe('导入干部名册：文件 1 个（花名册.xlsx），新增 1，更新 0，未变 0，跳过 0');

    const programme = await call<{ id: number }>(core, 'saveSecondmentProgramme', { name: '京沈对口合作干部交流', partnerPlace: '北京市' });
    const b = await call<{ id: number }>(core, 'saveSecondmentBatch', { programmeId: programme.id, seq: 4, startDate: '2030.01', plannedEndDate: '2031.01' });
    const list = tmpFile(tmp.dir, '挂职名单.xlsx');
    writeSheet(list, [
      ['姓名', '性别', '出生年月', '挂职单位', '挂任职务'],
      ['张三', '男', '1985.03', '北京市通州区商务局', '副局长'],
    ]);
    const job: ImportJob = await planFile(core, list, {}, { kind: 'batch', batchId: b.id });
    const title = job.inspection!.target.title;
    expect(title).toMatch(/^挂职批次「.+」成员$/);
    await commitJob(core, job.jobId);
    expect(importSummaries()[0]).toBe(`导入${title}：文件 1 个（挂职名单.xlsx），新增 0，更新 1，未变 0，跳过 0`);
  });
});
