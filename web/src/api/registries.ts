// The shared lecturer and site registries, loaded once per page and shared by pickers.
import { ref } from 'vue'
import { lecturersApi, sitesApi } from './classes'
import type { Lecturer, Site } from './types'

function itemsOf<T>(data: { items: T[] } | T[] | undefined): T[] {
  if (!data) return []
  return Array.isArray(data) ? data : data.items ?? []
}

const lecturers = ref<Lecturer[]>([])
const sites = ref<Site[]>([])

export function useRegistries() {
  return { lecturers, sites }
}

export async function loadLecturers(q?: string): Promise<Lecturer[]> {
  const items = itemsOf(await lecturersApi.list(q))
  if (!q) lecturers.value = items
  return items
}

export async function loadSites(kind?: string): Promise<Site[]> {
  const items = itemsOf(await sitesApi.list(kind))
  if (!kind) sites.value = items
  return items
}
