import { createApp } from 'vue'
import { provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/dist/locale/zh-cn.mjs'
// Components come with their styles where a template uses them (vite.config.ts); ElMessage
// and ElMessageBox are called from scripts, so their styles are imported here.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { whenUnauthorised } from './api/client'

whenUnauthorised((reason) => {
  router.push({ path: '/login', query: { expired: reason, next: router.currentRoute.value.fullPath } })
})

const app = createApp(App)
provideGlobalConfig({ locale: zhCn }, app, true) // Chinese in every component, and in a message box
app.use(router).mount('#app')
