/**
 * Opens the appointment form at a field: on #/cadre/12?field=postDate,resume it scrolls to
 * the first of those fields the form shows (身份证号 and 任现职时间 are not on it), focuses
 * the cell and marks it for a few seconds. It waits for the form to render.
 */
import { useEffect, useState } from 'react';
import { hashParam } from '../router';
import './reminders.css';

const MARK_MS = 4000;
const GIVE_UP_MS = 10_000;

/** The hash of a cadre's form opened at these fields (the first the form shows wins). */
export const cadreFieldHash = (cadreId: number, fields: readonly string[]) => `#/cadre/${cadreId}?field=${fields.map(encodeURIComponent).join(',')}`;

function focusFirst(fields: readonly string[]): boolean {
  for (const f of fields) {
    const cell = document.querySelector<HTMLElement>(`.appointment-form [data-field="${CSS.escape(f)}"]`);
    if (!cell) continue;
    cell.scrollIntoView({ block: 'center' });
    (cell.querySelector<HTMLElement>('.et-text') ?? cell).focus({ preventScroll: true });
    cell.classList.add('field-focus');
    setTimeout(() => cell.classList.remove('field-focus'), MARK_MS);
    return true;
  }
  return false;
}

export function FieldFocus() {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onHash = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    const fields = (hashParam(hash, 'field') ?? '').split(',').filter(Boolean);
    if (fields.length === 0 || focusFirst(fields)) return;
    const observer = new MutationObserver(() => {
      if (focusFirst(fields)) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const stop = setTimeout(() => observer.disconnect(), GIVE_UP_MS);
    return () => {
      observer.disconnect();
      clearTimeout(stop);
    };
  }, [hash]);
  return null;
}
