// v-row-testid="'person-row'" on an el-table: gives every body row
// data-testid="person-row" and data-row-id (from a "row-id-N" row class),
// so browser tests can find rows; el-table offers no row attributes itself.
import type { Directive } from 'vue'

interface Host extends HTMLElement {
  __rowTestIdObserver?: MutationObserver
}

function tag(el: HTMLElement, testid: string): void {
  el.querySelectorAll<HTMLTableRowElement>('tr.el-table__row').forEach((tr) => {
    if (tr.getAttribute('data-testid') !== testid) tr.setAttribute('data-testid', testid)
    const m = /(?:^|\s)row-id-(\S+)/.exec(tr.className)
    if (m && tr.getAttribute('data-row-id') !== m[1]) tr.setAttribute('data-row-id', m[1])
  })
}

export const rowTestId: Directive<Host, string> = {
  mounted(el, binding) {
    tag(el, binding.value)
    const obs = new MutationObserver(() => tag(el, binding.value))
    obs.observe(el, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] })
    el.__rowTestIdObserver = obs
  },
  updated(el, binding) {
    tag(el, binding.value)
  },
  unmounted(el) {
    el.__rowTestIdObserver?.disconnect()
  },
}

export function rowIdClass({ row }: { row: { id: number | string } }): string {
  return `row-id-${row.id}`
}
