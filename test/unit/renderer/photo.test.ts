import { describe, expect, it } from 'vitest';
import { centreCrop, clampCrop, PHOTO_ASPECT } from '../../../renderer/src/form/photo';
import { PHOTO_HEIGHT, PHOTO_WIDTH } from '../../../shared/contract/api';

describe('photo crop (4:5, as the appointment form holds it)', () => {
  it('the output size is 4:5', () => {
    expect(PHOTO_WIDTH / PHOTO_HEIGHT).toBe(0.8);
    expect(PHOTO_ASPECT).toBe(0.8);
  });

  it.each([
    // w, h → the largest centred 4:5 box
    [600, 400, { x: 140, y: 0, w: 320, h: 400 }],
    [400, 1000, { x: 0, y: 250, w: 400, h: 500 }],
    [376, 470, { x: 0, y: 0, w: 376, h: 470 }],
    [1000, 1000, { x: 100, y: 0, w: 800, h: 1000 }],
  ])('%i×%i', (w, h, expected) => {
    const c = centreCrop(w, h);
    expect(c.x).toBeCloseTo(expected.x);
    expect(c.y).toBeCloseTo(expected.y);
    expect(c.w).toBeCloseTo(expected.w);
    expect(c.h).toBeCloseTo(expected.h);
  });

  it('a dragged box stays inside the picture and keeps 4:5', () => {
    expect(clampCrop({ x: -50, y: 900, w: 200, h: 250 }, 600, 400)).toEqual({ x: 0, y: 150, w: 200, h: 250 });
    expect(clampCrop({ x: 500, y: -3, w: 200, h: 250 }, 600, 400)).toEqual({ x: 400, y: 0, w: 200, h: 250 });
    const tooBig = clampCrop({ x: 0, y: 0, w: 2000, h: 2500 }, 600, 400);
    expect(tooBig.w / tooBig.h).toBeCloseTo(0.8);
    expect(tooBig.h).toBeLessThanOrEqual(400);
  });
});
