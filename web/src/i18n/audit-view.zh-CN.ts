// Simplified Chinese strings of the audit log page beyond those in zh-CN.ts (audit);
// merged into zh-CN.ts. The action labels are in audit-labels.zh-CN.ts.
const auditViewZh = {
  auditView: {
    field: '字段',
  },
}
export default auditViewZh
export type AuditViewMessages = typeof auditViewZh
