import type { Unit } from '@/api/types'

export interface UnitNode {
  id: number
  /** el-tree-select reads the node's value from here */
  value: number
  label: string
  unit: Unit
  children: UnitNode[]
}

/**
 * Builds the org forest from the flat list (parents first, but any order works).
 * A unit whose parent is not in the list (a liaison's subtree) becomes a root.
 */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const byId = new Map<number, UnitNode>()
  for (const u of units) byId.set(u.id, { id: u.id, value: u.id, label: u.name, unit: u, children: [] })
  const roots: UnitNode[] = []
  for (const u of units) {
    const node = byId.get(u.id)!
    const parent = u.parent_id != null ? byId.get(u.parent_id) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}
