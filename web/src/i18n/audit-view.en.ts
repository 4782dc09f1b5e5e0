import type { AuditViewMessages } from './audit-view.zh-CN'

const auditViewEn: AuditViewMessages = {
  auditView: {
    field: 'Field',
  },
}
export default auditViewEn
