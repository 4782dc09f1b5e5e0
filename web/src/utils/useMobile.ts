import { onBeforeUnmount, ref } from 'vue'

/** true on phone-sized screens (below 768px); follows rotation and resizes. */
export function useMobile() {
  const query = window.matchMedia('(max-width: 767px)')
  const mobile = ref(query.matches)
  const onChange = (e: MediaQueryListEvent) => {
    mobile.value = e.matches
  }
  query.addEventListener('change', onChange)
  onBeforeUnmount(() => query.removeEventListener('change', onChange))
  return mobile
}
