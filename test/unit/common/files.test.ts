/** File names, uploads and writes: the one place each is done (electron/services/common/files.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeUpload, deliver, safeFileName, uploadName, writeExport, writeFileAtomic, XLSX_MIME } from '../../../electron/services/common/files';
import { tempDir } from '../../support/temp';

describe('safeFileName', () => {
  it.each([
    ['干部名册', '干部名册'],
    ['市管/干部:名册*?', '市管干部名册'],
    ['a\\b"c<d>e|f', 'abcdef'],
    ['名\u0000册\u001f', '名册'],
    ['  名册  ', '名册'],
    ['..隐藏', '隐藏'],
    [' . 张三', '张三'],
    ['', 'FALLBACK'],
    ['///', 'FALLBACK'],
    ['...', 'FALLBACK'],
    ['长'.repeat(70), '长'.repeat(60)],
  ])('%j → %j', (text, expected) => {
    expect(safeFileName(text, 'FALLBACK')).toBe(expected);
  });

  it('takes a longer limit where asked (the assessment files allow 80)', () => {
    expect(safeFileName('长'.repeat(100), 'x', 80)).toBe('长'.repeat(80));
  });
});

describe('uploadName', () => {
  it.each([
    ['名单.xlsx', '名单.xlsx'],
    ['C:\\Users\\张三\\名单.xlsx', '名单.xlsx'],
    ['/home/a/名单.lrmx', '名单.lrmx'],
    ['名\u0007单.xlsx', '名单.xlsx'],
    ['folder/', '未命名.xlsx'],
  ])('%j → %j', (name, expected) => {
    expect(uploadName(name, '未命名.xlsx')).toBe(expected);
  });
});

describe('decodeUpload', () => {
  it('reads base64 with line breaks and refuses what is not base64, in Chinese', () => {
    expect(decodeUpload('5Lit\n5paH').toString('utf8')).toBe('中文');
    expect(() => decodeUpload('not base64!')).toThrow(/无法读取/);
  });
});

describe('writing files', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('writeFileAtomic replaces the file whole and leaves no temporary file behind', () => {
    const file = path.join(tmp.dir, 'a.txt');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, Buffer.from('two'));
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(fs.readdirSync(tmp.dir)).toEqual(['a.txt']);
    expect(() => writeFileAtomic(path.join(tmp.dir, 'missing', 'b.txt'), 'x')).toThrow();
    expect(fs.readdirSync(tmp.dir)).toEqual(['a.txt']);
  });

  it('writeExport writes only the allowed kinds, only into existing folders', () => {
    expect(writeExport(path.join(tmp.dir, 'r.XLSX'), ['.xlsx'], Buffer.from('x'))).toBe(path.join(tmp.dir, 'r.XLSX'));
    expect(() => writeExport(path.join(tmp.dir, 'r.exe'), ['.xlsx'], Buffer.from('x'))).toThrow('只能保存为 .xlsx 文件');
    expect(() => writeExport(path.join(tmp.dir, 'nope', 'r.xlsx'), ['.xlsx'], Buffer.from('x'))).toThrow(/不存在/);
  });

  it('deliver returns base64 without a path, else writes and names the written file', () => {
    expect(deliver('名册.xlsx', XLSX_MIME, Buffer.from('x'), undefined, ['.xlsx'])).toEqual({
      fileName: '名册.xlsx',
      mime: XLSX_MIME,
      base64: 'eA==',
      path: null,
    });
    const out = path.join(tmp.dir, 'other.xlsx');
    expect(deliver('名册.xlsx', XLSX_MIME, Buffer.from('x'), out, ['.xlsx'])).toEqual({ fileName: 'other.xlsx', mime: XLSX_MIME, base64: null, path: out });
  });
});
