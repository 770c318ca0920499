/** AG Grid Community set-up, once for the whole renderer. */
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

ModuleRegistry.registerModules([AllCommunityModule]);

/** The Chinese locale, with its screen-reader hints naming keys in Chinese (按 SPACE → 按空格键). */
export const gridLocale: Record<string, string> = Object.fromEntries(
  Object.entries(AG_GRID_LOCALE_CN).map(([k, v]) => [k, v.replace(/\s*SPACE\s*/g, '空格键')]),
);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  rowHeight: 32,
  headerHeight: 34,
  spacing: 6,
});
