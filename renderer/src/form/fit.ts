/**
 * Text that must stay inside a fixed-size cell of the printed form: the font
 * steps down (14px → 13 → 12 → 11 → 10.5 → 10 → 9) until the content fits,
 * as a clerk would pick a smaller 字号 for a long 简历. Runs after every
 * render that changes the text, when the fonts have loaded, and before
 * printing (beforeprint and the print media query), since the page may be
 * laid out again for paper.
 */
import { useLayoutEffect, type RefObject } from 'react';

export const FONT_STEPS = [14, 13, 12, 11, 10.5, 10, 9] as const;

/** Steps the element's font size down until it no longer overflows; returns the size used. */
export function fitFont(el: HTMLElement, steps: readonly number[] = FONT_STEPS): number {
  let i = 0;
  el.style.fontSize = `${steps[0]}px`;
  while (i < steps.length - 1 && overflows(el)) {
    i++;
    el.style.fontSize = `${steps[i]}px`;
  }
  el.dataset.fontSize = String(steps[i]);
  el.dataset.overflow = overflows(el) ? 'true' : 'false';
  return steps[i];
}

/** One pixel of slack: sub-pixel rounding of mm-sized boxes is not overflow. */
function overflows(el: HTMLElement): boolean {
  return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
}

export interface FitOptions {
  steps?: readonly number[];
  /** Told the size used and whether the text still overflows at the smallest size. */
  onFit?: (size: number, overflow: boolean) => void;
}

/** Keeps `ref`'s text fitted; `key` is whatever changes the text (the value itself). */
export function useFitFont(ref: RefObject<HTMLElement | null>, key: unknown, { steps = FONT_STEPS, onFit }: FitOptions = {}): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      const target = ref.current;
      if (!target) return;
      const size = fitFont(target, steps);
      onFit?.(size, target.dataset.overflow === 'true');
    };
    fit();
    let alive = true;
    void document.fonts?.ready.then(() => alive && fit());
    const print = window.matchMedia('print');
    print.addEventListener('change', fit);
    window.addEventListener('beforeprint', fit);
    return () => {
      alive = false;
      print.removeEventListener('change', fit);
      window.removeEventListener('beforeprint', fit);
    };
  }, [ref, key, steps, onFit]);
}
