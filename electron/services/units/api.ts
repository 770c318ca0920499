/** What other areas use of units/: the one door into its internals (the lint forbids any other). */
export { UNIT_ORDER_CTE, UNIT_SUBTREE_CTE, listUnits, liveUnit, unitPath } from './units';
/** Approved and filled 职数 per unit and level (team analysis reads vacancies from here). */
export { quotaFigures, quotaOf } from './quota';
