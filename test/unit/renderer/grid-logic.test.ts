import { describe, expect, it } from 'vitest';
import { gridKeyAction, isDataColumn, lineValues, pasteTarget, planFillDown } from '../../../renderer/src/ui/gridLogic';
import { parseTsv } from '../../../shared/domain/common/tsv';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = { ctrl: true }) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

describe('editable grid keys', () => {
  it('Ctrl+Z undoes; Ctrl+Y and Ctrl+Shift+Z redo; Ctrl+D fills', () => {
    expect(gridKeyAction(key('z'))).toBe('undo');
    expect(gridKeyAction(key('y'))).toBe('redo');
    expect(gridKeyAction(key('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(gridKeyAction(key('d'))).toBe('fill');
    expect(gridKeyAction(key('D'))).toBe('fill');
  });
  it('⌘ on a Mac counts as Ctrl', () => {
    expect(gridKeyAction(key('z', { meta: true }))).toBe('undo');
  });
  it('plain letters, Alt chords, Ctrl+Shift+D and other shortcuts are not the grid’s', () => {
    expect(gridKeyAction(key('z', {}))).toBeNull();
    expect(gridKeyAction(key('d', { ctrl: true, alt: true }))).toBeNull();
    expect(gridKeyAction(key('d', { ctrl: true, shift: true }))).toBeNull();
    expect(gridKeyAction(key('c'))).toBeNull();
    expect(gridKeyAction(key('v'))).toBeNull();
  });
});

describe('mapping a pasted block onto the grid', () => {
  const cols = ['ag-Grid-SelectionColumn', 'seq', 'name', 'gender', 'birth', 'post'];

  it('skips AG Grid’s own columns and starts at the focused column', () => {
    expect(isDataColumn('ag-Grid-SelectionColumn')).toBe(false);
    const t = pasteTarget(parseTsv('男\t1980.05\r\n女\t1985.03\r\n'), cols, 'gender', 3, 10);
    expect(t).toEqual({ width: 2, colIds: ['gender', 'birth'], existing: 2, beyond: 0 });
  });

  it('the widest line sets the width; the right edge cuts it', () => {
    const t = pasteTarget([['a'], ['b', 'c', 'd']], cols, 'birth', 0, 10);
    expect(t.width).toBe(3);
    expect(t.colIds).toEqual(['birth', 'post']);
  });

  it('counts the lines past the last row', () => {
    expect(pasteTarget([['a'], ['b'], ['c']], cols, 'name', 8, 10)).toMatchObject({ existing: 2, beyond: 1 });
    expect(pasteTarget([['a']], cols, 'name', 0, 0)).toMatchObject({ existing: 0, beyond: 1 });
  });

  it('an unknown focused column lands nowhere', () => {
    expect(pasteTarget([['a']], cols, 'missing', 0, 5).colIds).toEqual([]);
  });

  it('one line becomes field values, only for editable columns; short lines are blanks', () => {
    const editable = (c: string) => c !== 'name';
    expect(lineValues(['name', 'gender', 'birth'], ['张三', '男'], editable)).toEqual({ gender: '男', birth: '' });
  });
});

describe('Ctrl+D has one meaning', () => {
  it('two or more ticked rows: the first ticked row into the others, whatever is focused', () => {
    expect(planFillDown(0, [6, 4, 5])).toEqual({ mode: 'selection', source: 4, targets: [5, 6] });
    expect(planFillDown(9, [2, 7])).toEqual({ mode: 'selection', source: 2, targets: [7] });
  });
  it('otherwise the row above into the focused cell, as in Excel', () => {
    expect(planFillDown(3, [])).toEqual({ mode: 'above', source: 2, targets: [3] });
    expect(planFillDown(3, [3])).toEqual({ mode: 'above', source: 2, targets: [3] });
  });
  it('nothing to copy on the first row without ticks', () => {
    expect(planFillDown(0, [])).toBeNull();
    expect(planFillDown(0, [0, 0])).toBeNull();
  });
});
