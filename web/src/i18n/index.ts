import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'
import zhCN, { type Messages } from './zh-CN'
import en from './en'

export type Lang = 'zh-CN' | 'en'
export const LANGS: Lang[] = ['zh-CN', 'en']
const STORAGE_KEY = 'peixun.lang'

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'en' || saved === 'zh-CN') return saved
  } catch {
    // storage blocked (private mode): fall back to the default
  }
  return 'zh-CN'
}

export const i18n = createI18n<[Messages], Lang, false>({
  legacy: false,
  globalInjection: true,
  locale: initialLang(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

/** The UI language now; also what API calls send as Accept-Language. */
export function currentLang(): Lang {
  return i18n.global.locale.value as Lang
}

export function setLang(lang: Lang): void {
  i18n.global.locale.value = lang
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // not persisted; still switched for this page
  }
  document.documentElement.lang = lang
  for (const f of langListeners) f(lang)
}

const langListeners: Array<(lang: Lang) => void> = []
export function onLangChange(f: (lang: Lang) => void): void {
  langListeners.push(f)
}

/** Element Plus's own strings (pagination, date picker…) follow the UI language. */
export const elementLocale = computed(() => (i18n.global.locale.value === 'en' ? elEn : zhCn))

export const t = i18n.global.t
