/** The unit tree as every picker offers it (units/tree.ts): tree order, siblings by 排序 then id, one indent per level. */
import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../shared/contract/api';
import { unitOptions } from '../../../renderer/src/units/tree';

const unit = (id: number, parentId: number | null, name: string, sortOrder = 0) => ({ id, parentId, name, sortOrder }) as Unit;

describe('unitOptions', () => {
  it('lists parents before their children, siblings by 排序 then id, indented by level', () => {
    const units = [
      unit(5, 1, '办公室', 2),
      unit(1, null, '滨江市委'),
      unit(3, 1, '组织部', 1),
      unit(4, 3, '干部一科'),
      unit(2, null, '滨江市政府'),
      unit(6, 1, '宣传部', 1),
    ];
    expect(unitOptions(units)).toEqual([
      { id: 1, label: '滨江市委', name: '滨江市委' },
      { id: 3, label: '　组织部', name: '组织部' },
      { id: 4, label: '　　干部一科', name: '干部一科' },
      { id: 6, label: '　宣传部', name: '宣传部' },
      { id: 5, label: '　办公室', name: '办公室' },
      { id: 2, label: '滨江市政府', name: '滨江市政府' },
    ]);
  });
});
