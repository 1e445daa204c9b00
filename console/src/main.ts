import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/dist/locale/zh-cn.mjs'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { router } from './router'
import { whenUnauthorised } from './api/client'

whenUnauthorised((reason) => {
  router.push({ path: '/login', query: { expired: reason, next: router.currentRoute.value.fullPath } })
})

createApp(App).use(ElementPlus, { locale: zhCn }).use(router).mount('#app')
