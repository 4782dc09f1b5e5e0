import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { i18n, onLangChange, t } from './i18n'
import { retitle, router } from './router'
import { setUnauthorizedHandler } from './api/client'
import { clearSession, session } from './session/session'
import { rowTestId } from './utils/rowTestId'
import { ElMessage } from 'element-plus'
import './styles.css'

setUnauthorizedHandler(() => {
  const wasSignedIn = !!session.user
  clearSession()
  const current = router.currentRoute.value
  if (current.meta.public) return
  if (wasSignedIn) ElMessage.warning(t('error.sessionExpired'))
  router.replace({ name: 'login', query: { redirect: current.fullPath } })
})

document.documentElement.lang = i18n.global.locale.value
onLangChange(retitle)

createApp(App).use(i18n).use(router).use(ElementPlus).directive('row-testid', rowTestId).mount('#app')
