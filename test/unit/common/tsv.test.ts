import { describe, expect, it } from 'vitest';
import { parseTsv } from '../../../shared/domain/common/tsv';

describe('parseTsv (text copied from Excel/WPS)', () => {
  it.each([
    [
      '张三\t男\t1985.03\r\n李四\t女\t1990.10\r\n',
      [
        ['张三', '男', '1985.03'],
        ['李四', '女', '1990.10'],
      ],
    ],
    [
      'a\tb\nc\td',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['one cell', [['one cell']]],
    ['a\t\tc\n', [['a', '', 'c']]],
    ['"line1\nline2"\tx\n', [['line1\nline2', 'x']]],
    ['"say ""hi"""\t2\n', [['say "hi"', '2']]],
    ['\t\n', [['', '']]],
    ['', []],
  ])('%j', (text, expected) => {
    expect(parseTsv(text)).toEqual(expected);
  });
});
