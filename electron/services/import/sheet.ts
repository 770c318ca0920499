/**
 * A sheet as the readers give it (read.ts for every format, xlsx-reader.ts for the fast .xlsx
 * path), and the limits they read within.
 */

export type CellValue = string | number | boolean | Date | null;

export interface CellRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface SheetData {
  name: string;
  visibility: 'visible' | 'hidden' | 'veryHidden';
  /** rows[r][c], 0-based from A1; rows may be shorter than colCount. */
  rows: CellValue[][];
  rowCount: number;
  colCount: number;
  hiddenRows: number[];
  hiddenCols: number[];
  merges: CellRange[];
  /** The range the sheet declares (<dimension>), when it is larger than what it holds. */
  declaredRef?: string;
}

export interface ReadLimits {
  maxBytes: number;
  maxRows: number;
  maxCols: number;
  /** Largest total the ZIP parts may inflate to. */
  maxInflatedBytes: number;
}
