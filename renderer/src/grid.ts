/** AG Grid Community set-up, once for the whole renderer. */
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridLocale = AG_GRID_LOCALE_CN;

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  rowHeight: 32,
  headerHeight: 34,
  spacing: 6,
});
