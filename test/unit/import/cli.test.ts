/**
 * `cadre import PATH… [--into roster|batch:ID|round:ID|annual|units] [--sheet NAME]…
 * [--mode add|update|skip] [--dry-run] [--json]` through the built CLI bundle: JSON
 * shape, Excel row/column numbers, exit codes, and every kind of path routed.
 */
import path from 'node:path';
import * as XLSX from 'xlsx';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLI_TEST_BUDGET, runCli } from '../../support/cli';
import { tempDir } from '../../support/temp';
import { makeIdNumber } from '../../../shared/domain/common/idcard';
import { ID, tmpFile, writeSheet } from './fixtures';

vi.setConfig(CLI_TEST_BUDGET); // these tests start the CLI as processes: see CLI_TEST_BUDGET

let tmp: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  tmp = tempDir('cadre-import-cli-');
  db = path.join(tmp.dir, 'c.db');
});
afterEach(() => tmp.cleanup());

function cadre(...args: string[]) {
  const r = runCli(['--db', db, ...args]);
  return { ...r, json: () => JSON.parse(r.out) as Record<string, any> };
}
const names = () => (JSON.parse(cadre('list', 'cadres', '--json').out) as { name: string; post: string }[]).map(c => c.name).sort();

describe('cadre import', () => {
  it('imports, prints {inserted, updated, skipped, errors, warnings}; a second run with --mode update updates', () => {
    const file = tmpFile(tmp.dir, '名册.xlsx');
    // 1990.1 typed as a number: was it 1990.10? (the ID says January, so only a warning)
    const jan = makeIdNumber('210103', '1990-01-05', 202, '女');
    writeSheet(file, [
      ['姓名', '性别', '出生年月', '身份证号', '现任职务'],
      ['张三', '男', '1985.03', ID.zhang, '科长'],
      ['李四', '女', 1990.1, jan, '科员'],
    ]);
    const r = cadre('import', file, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({ files: ['名册.xlsx'], into: 'roster', mode: 'update', dryRun: false, inserted: 2, updated: 0, skipped: 0, errors: [] });
    expect(out).toMatchObject({ unmapped: [], skippedRows: [] });
    expect(out.warnings).toEqual([{ file: '名册.xlsx', sheet: 'Sheet1', row: 3, column: 'C', field: 'birth', message: expect.stringMatching(/1990\.10/) }]);
    expect(names()).toEqual(['张三', '李四'].sort());

    writeSheet(file, [
      ['姓名', '性别', '出生年月', '身份证号', '现任职务'],
      ['张三', '男', '1985.03', ID.zhang, '副局长'],
    ]);
    const again = cadre('import', file, '--mode', 'update', '--json').json();
    expect(again).toMatchObject({ inserted: 0, updated: 1, skipped: 0, unchanged: 0 });
    const skip = cadre('import', file, '--mode', 'skip', '--json').json();
    expect(skip).toMatchObject({ inserted: 0, updated: 0, skipped: 1 });
    const text = cadre('import', file, '--mode', 'add');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/警告 1 处[\s\S]*第 2 行 D 列：库中已有此人/);
    expect(text.out).toMatch(/导入完成（干部名册）：新增 0，更新 0，跳过 1/);
  });

  it('errors block the import: exit 1, nothing written, row and column as Excel shows them', () => {
    const file = tmpFile(tmp.dir, 'bad.xlsx');
    const rows: unknown[][] = [
      ['序号', '姓名', '性别', '出生年月', '民族', '籍贯', '入党时间', '参加工作时间', '学历', '学位', '院校', '职务', '职级', '任现职时间', '身份证号'],
    ];
    for (let i = 0; i < 18; i++) rows.push([i + 1, `人${i}`, '男', '1980.01', '汉', '', '', '', '', '', '', '', '', '', '']);
    // eslint-disable-next-line no-loss-of-precision -- exactly what Excel hands over
    rows[18][14] = 210102198001010011; // row 19 as Excel shows it, column O: an ID stored as a number
    writeSheet(file, rows);
    const r = cadre('import', file, '--json');
    expect(r.code).toBe(1);
    const out = r.json();
    expect(out).toMatchObject({ inserted: 0, updated: 0, skipped: 0, blocked: true });
    expect(out.errors).toEqual([{ file: 'bad.xlsx', sheet: 'Sheet1', row: 19, column: 'O', field: 'idNumber', message: expect.stringMatching(/存成了数字/) }]);
    expect(names()).toEqual([]);
    const text = cadre('import', file);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/「Sheet1」第 19 行 O 列：身份证号被 Excel 存成了数字/);
    expect(text.out).toMatch(/导入未执行，数据未修改/);
  });

  it('--dry-run writes nothing and reports what would happen; --sheet picks sheets', () => {
    const file = tmpFile(tmp.dir, 'two.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['姓名', '性别'],
        ['张三', '男'],
      ]),
      '财政局',
    );
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['姓名', '性别'],
        ['李四', '女'],
        ['王五', '男'],
      ]),
      '教育局',
    );
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const dry = cadre('import', file, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(dry.json()).toMatchObject({ dryRun: true, inserted: 3, updated: 0 });
    expect(names()).toEqual([]);
    const one = cadre('import', file, '--sheet', '教育局', '--default-unit', 'sheetName', '--json');
    expect(one.json()).toMatchObject({ inserted: 2, unitsCreated: 1 });
    expect(names()).toEqual(['李四', '王五'].sort());
    const missing = cadre('import', file, '--sheet', '不存在', '--json');
    expect(missing.code).toBe(1);
    expect(missing.json().errors[0].message).toMatch(/没有名为「不存在」的工作表/);
  });

  it('unreadable files exit 1 with a Chinese message; bad usage exits 2', () => {
    const empty = tmpFile(tmp.dir, 'empty.xlsx');
    fs.writeFileSync(empty, '');
    const r = cadre('import', empty, '--json');
    expect(r.code).toBe(1);
    expect(r.json().errors).toEqual([{ file: 'empty.xlsx', sheet: null, row: null, column: null, field: null, message: expect.stringMatching(/空文件/) }]);
    const gone = cadre('import', tmpFile(tmp.dir, 'gone.xlsx'));
    expect(gone.code).toBe(1);
    expect(gone.out).toMatch(/找不到文件/);
    expect(cadre('import', empty, '--mode', 'merge').code).toBe(2);
    expect(cadre('import').code).toBe(2);
  });

  it('routes any file the app reads: an .lrmx, a folder of mixed files, a .zip of them; lists unmapped columns and skipped rows', () => {
    const sheet = tmpFile(tmp.dir, '名册.xlsx');
    writeSheet(sheet, [['干部名册'], ['姓名', '性别', '出生年月', '身份证号', '爱好'], ['张三', '男', '1985.03', ID.zhang, '围棋'], ['合计', '', '', '', '']]);
    const lrmx = tmpFile(tmp.dir, '李四.lrmx');
    fs.writeFileSync(
      lrmx,
      `<?xml version="1.0" encoding="UTF-8"?><Person><XingMing>李四</XingMing><XingBie>女</XingBie><ShenFenZheng>${ID.li}</ShenFenZheng></Person>`,
    );

    // One .lrmx file: no more "已损坏或格式不受支持".
    const one = cadre('import', lrmx, '--dry-run', '--json');
    expect(one.code).toBe(0);
    expect(one.json()).toMatchObject({ files: ['李四.lrmx'], target: '干部名册', inserted: 1, errors: [] });

    const sheetOnly = cadre('import', sheet, '--dry-run', '--json').json();
    expect(sheetOnly.unmapped).toEqual([{ file: '名册.xlsx', sheet: 'Sheet1', column: 'E', header: '爱好', hasData: true }]);
    expect(sheetOnly.skippedRows).toEqual([
      { file: '名册.xlsx', sheet: 'Sheet1', row: 1, reason: '标题行' },
      { file: '名册.xlsx', sheet: 'Sheet1', row: 4, reason: '合计/小计行' },
    ]);
    expect(sheetOnly.warnings).toEqual([expect.objectContaining({ column: 'E', message: '「爱好」列（E 列）有数据，但没有对应任何项目，未导入' })]);

    const folder = path.join(tmp.dir, '来件');
    fs.mkdirSync(folder);
    fs.copyFileSync(sheet, path.join(folder, '名册.xlsx'));
    fs.copyFileSync(lrmx, path.join(folder, '李四.lrmx'));
    fs.writeFileSync(path.join(folder, '说明.docx'), 'not read');
    const both = cadre('import', folder, '--dry-run', '--json');
    expect(both.code).toBe(0);
    expect(both.json()).toMatchObject({ inserted: 2, errors: [] });

    const zip = tmpFile(tmp.dir, '来件.zip');
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '名册.xlsx', fs.readFileSync(sheet));
    XLSX.CFB.utils.cfb_add(cfb, '李四.lrmx', fs.readFileSync(lrmx));
    fs.writeFileSync(zip, Buffer.from(XLSX.CFB.write(cfb, { fileType: 'zip', type: 'buffer' })));
    const zipped = cadre('import', zip, '--json');
    expect(zipped.code).toBe(0);
    expect(zipped.json()).toMatchObject({ inserted: 2, errors: [] });
    expect(names()).toEqual(['张三', '李四'].sort());
    // import-lrmx is the same command.
    expect(cadre('import-lrmx', lrmx, '--json').json()).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  it('a folder of .lrmx with broken files: blocked by default; --skip-errors imports the rest and names each file left out, with why', () => {
    const folder = path.join(tmp.dir, '任免审批表');
    fs.mkdirSync(folder);
    const person = (name: string, gender: string, id: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><Person><XingMing>${name}</XingMing><XingBie>${gender}</XingBie><ShenFenZheng>${id}</ShenFenZheng></Person>`;
    fs.writeFileSync(path.join(folder, '张三.lrmx'), person('张三', '男', ID.zhang));
    fs.writeFileSync(path.join(folder, '李四.lrmx'), person('李四', '女', ID.li));
    fs.writeFileSync(path.join(folder, '坏文件.lrmx'), '<?xml version="1.0" encoding="UTF-8"?><Person><XingMing>王五</XingMing>');
    fs.writeFileSync(path.join(folder, '性别不符.lrmx'), person('赵六', '女', ID.wang));

    const blocked = cadre('import', folder, '--json');
    expect(blocked.code).toBe(1);
    const refused = blocked.json();
    expect(refused.skippedFiles).toEqual([]);
    expect(new Set((refused.errors as { file: string }[]).map(e => e.file))).toEqual(new Set(['坏文件.lrmx', '性别不符.lrmx']));
    expect(names()).toEqual([]);

    const skipped = cadre('import', folder, '--skip-errors', '--json');
    expect(skipped.code).toBe(0);
    const out = skipped.json();
    expect(out).toMatchObject({ inserted: 2, errors: [] });
    expect((out.skippedFiles as { file: string; reason: string }[]).map(f => f.file).sort()).toEqual(['坏文件.lrmx', '性别不符.lrmx'].sort());
    for (const f of out.skippedFiles as { reason: string }[]) expect(f.reason).not.toBe('');
    expect(out.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: '坏文件.lrmx', message: expect.stringMatching(/^文件有误，已跳过未导入：/) })]),
    );
    expect(names()).toEqual(['张三', '李四'].sort());

    const text = cadre('import', folder, '--skip-errors', '--dry-run');
    expect(text.out).toMatch(/跳过有误的文件「坏文件\.lrmx」：/);
  });

  it('--into annual and --into batch:ID route to those targets; a bad --into is bad usage', () => {
    const roster = tmpFile(tmp.dir, '名册.xlsx');
    writeSheet(roster, [
      ['姓名', '性别', '出生年月', '身份证号'],
      ['张三', '男', '1985.03', ID.zhang],
    ]);
    expect(cadre('import', roster).code).toBe(0);
    const annual = tmpFile(tmp.dir, '考核.xlsx');
    writeSheet(annual, [
      ['身份证号', '姓名', '2024年'],
      [ID.zhang, '张三', '优秀'],
    ]);
    const a = cadre('import', annual, '--into', 'annual', '--json');
    expect(a.code).toBe(0);
    expect(a.json()).toMatchObject({ into: 'annual', target: '年度考核结果', updated: 1 });
    const list = JSON.parse(cadre('list', 'cadres', '--json').out) as { assessments?: unknown }[];
    expect(list).toHaveLength(1);

    const missing = cadre('import', annual, '--into', 'batch:999', '--json');
    expect(missing.code).toBe(1);
    expect(missing.json().errors[0].message).toMatch(/找不到编号为 999 的挂职批次/);
    expect(cadre('import', annual, '--into', 'somewhere').code).toBe(2);
  });
});
