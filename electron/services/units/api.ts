/** What other areas use of units/: the one door into its internals (the lint forbids any other). */
export { UNIT_ORDER_CTE, UNIT_SUBTREE_CTE, listUnits } from './units';
