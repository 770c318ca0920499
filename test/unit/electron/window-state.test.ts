import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWindowState, MIN_HEIGHT, MIN_WIDTH, saveWindowState, type Rect, type WindowState } from '../../../electron/window-state';

const DEFAULTS: WindowState = { width: 1366, height: 860, maximized: false };
const PRIMARY: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const SECOND: Rect = { x: 1920, y: 0, width: 1280, height: 984 };

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-winstate-'));
  file = path.join(dir, 'window-state.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (content: string) => fs.writeFileSync(file, content);

describe('loadWindowState', () => {
  it('a missing file gives the defaults', () => {
    expect(loadWindowState(file, DEFAULTS, [PRIMARY])).toEqual(DEFAULTS);
  });

  it('a corrupt file gives the defaults (and does not throw)', () => {
    for (const junk of [
      '{"width": 1200, "height"',
      '',
      'null',
      '[1,2,3]',
      '"text"',
      '\u0000\u0001binary',
      '{"width":"wide","height":true,"maximized":"yes"}',
    ]) {
      write(junk);
      expect(loadWindowState(file, DEFAULTS, [PRIMARY]), JSON.stringify(junk)).toEqual(DEFAULTS);
    }
  });

  it('round-trips what was saved', () => {
    const state: WindowState = { x: 100, y: 80, width: 1280, height: 720, maximized: true };
    expect(saveWindowState(file, state)).toBe(true);
    expect(loadWindowState(file, DEFAULTS, [PRIMARY])).toEqual(state);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(state);
    // No temp files left behind.
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']);
  });

  it('round-trips a window on the second display', () => {
    const state: WindowState = { x: 2000, y: 50, width: 1100, height: 800, maximized: false };
    saveWindowState(file, state);
    expect(loadWindowState(file, DEFAULTS, [PRIMARY, SECOND])).toEqual(state);
  });

  it('pulls off-screen bounds back into the work area', () => {
    // Saved on a second display that is no longer connected.
    saveWindowState(file, { x: 2500, y: 300, width: 1200, height: 800, maximized: false });
    const s = loadWindowState(file, DEFAULTS, [PRIMARY]);
    expect(s.width).toBe(1200);
    expect(s.height).toBe(800);
    expect(s.x! >= PRIMARY.x && s.x! + s.width <= PRIMARY.x + PRIMARY.width).toBe(true);
    expect(s.y! >= PRIMARY.y && s.y! + s.height <= PRIMARY.y + PRIMARY.height).toBe(true);

    // Far above and to the left.
    write(JSON.stringify({ x: -5000, y: -3000, width: 1000, height: 700, maximized: false }));
    expect(loadWindowState(file, DEFAULTS, PRIMARY)).toEqual({ x: 0, y: 0, width: 1000, height: 700, maximized: false });
  });

  it('keeps the title bar reachable when only the top edge is off screen', () => {
    write(JSON.stringify({ x: 200, y: -50, width: 1000, height: 700, maximized: false }));
    const s = loadWindowState(file, DEFAULTS, [PRIMARY]);
    expect(s.y).toBe(0);
    expect(s.x).toBe(200);
  });

  it('shrinks a window larger than the work area and enforces the minimum size', () => {
    write(JSON.stringify({ x: 0, y: 0, width: 5000, height: 4000, maximized: false }));
    const big = loadWindowState(file, DEFAULTS, [PRIMARY]);
    expect(big).toMatchObject({ width: PRIMARY.width, height: PRIMARY.height, x: 0, y: 0 });

    write(JSON.stringify({ x: 10, y: 10, width: 200, height: 100, maximized: false }));
    const small = loadWindowState(file, DEFAULTS, [PRIMARY]);
    expect(small).toMatchObject({ width: MIN_WIDTH, height: MIN_HEIGHT });
  });

  it('on a small screen the work area wins over the minimum size', () => {
    const tiny: Rect = { x: 0, y: 0, width: 800, height: 560 };
    write(JSON.stringify({ x: 0, y: 0, width: 1200, height: 900, maximized: false }));
    expect(loadWindowState(file, DEFAULTS, [tiny])).toMatchObject({ x: 0, y: 0, width: 800, height: 560 });
  });

  it('ignores nonsense numbers field by field', () => {
    write(JSON.stringify({ x: 'left', y: 10, width: -5, height: 1e9, maximized: true }));
    const s = loadWindowState(file, DEFAULTS, [PRIMARY]);
    expect(s).toEqual({ width: DEFAULTS.width, height: DEFAULTS.height, maximized: true });
  });

  it('without a position, the window manager places the window', () => {
    write(JSON.stringify({ width: 1200, height: 800, maximized: false }));
    expect(loadWindowState(file, DEFAULTS, [PRIMARY])).toEqual({ width: 1200, height: 800, maximized: false });
  });
});

describe('saveWindowState', () => {
  it('creates the folder and refuses nonsense sizes', () => {
    const nested = path.join(dir, 'a', 'b', 'window-state.json');
    expect(saveWindowState(nested, { width: 1000, height: 700, maximized: false })).toBe(true);
    expect(fs.existsSync(nested)).toBe(true);
    expect(saveWindowState(file, { width: Number.NaN, height: 700, maximized: false })).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('reports failure instead of throwing', () => {
    // The target path is an existing directory: rename fails.
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'keep'), '');
    expect(saveWindowState(file, { width: 1000, height: 700, maximized: false })).toBe(false);
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']);
  });
});
