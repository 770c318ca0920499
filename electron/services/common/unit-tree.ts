/**
 * The unit tree as SQL for any query over units or cadres: roster, units, statistics and
 * reports list rows in tree order or narrow them to a subtree with these.
 */
/**
 * A recursive CTE naming `unit_order(id, path)`: every unit with a sortable
 * path of its ancestors' positions, so rows can be listed in tree order.
 */
export const UNIT_ORDER_CTE = `
  unit_order(id, path) AS (
    SELECT id, printf('%06d.%09d', sort_order, id) FROM units WHERE parent_id IS NULL
    UNION ALL
    SELECT u.id, o.path || '/' || printf('%06d.%09d', u.sort_order, u.id)
      FROM units u JOIN unit_order o ON u.parent_id = o.id
  )`;

/** A recursive CTE naming `unit_subtree(id)`: the unit bound to :unitId and all below it. */
export const UNIT_SUBTREE_CTE = `
  unit_subtree(id) AS (
    SELECT id FROM units WHERE id = :unitId
    UNION ALL
    SELECT u.id FROM units u JOIN unit_subtree s ON u.parent_id = s.id
  )`;
