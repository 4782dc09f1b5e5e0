// The org list the caller may see, loaded once and shared by every unit picker;
// pages that change units call loadUnits(true).
import { computed, ref } from 'vue'
import { orgsApi } from '@/api/endpoints'
import type { Unit } from '@/api/types'
import { buildUnitTree } from '@/utils/tree'

const units = ref<Unit[]>([])
let loaded = false
let pending: Promise<Unit[]> | null = null

export function useUnits() {
  const tree = computed(() => buildUnitTree(units.value))
  const byId = computed(() => new Map(units.value.map((u) => [u.id, u])))
  return { units, tree, byId }
}

export function loadUnits(force = false): Promise<Unit[]> {
  if (loaded && !force) return Promise.resolve(units.value)
  if (!pending) {
    pending = orgsApi
      .list()
      .then((res) => {
        units.value = res.items
        loaded = true
        return units.value
      })
      .finally(() => {
        pending = null
      })
  }
  return pending
}

export function forgetUnits(): void {
  units.value = []
  loaded = false
}
