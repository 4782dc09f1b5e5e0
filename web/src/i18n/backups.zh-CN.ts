// Simplified Chinese strings of the backup state on the admin's start page;
// merged into zh-CN.ts. en is checked against this shape.
const backupsZh = {
  backups: {
    none: '服务器未做定时备份（peixun serve --backup-dir 开启；手工备份用 peixun backup，PostgreSQL 用 pg_dump）',
    ok: '最近一次备份 {at}：已校验完好',
    failed: '最近一次备份 {at} 失败：{message}',
  },
}

export type BackupsMessages = typeof backupsZh
export default backupsZh
