import type { BackupsMessages } from './backups.zh-CN'

const backupsEn: BackupsMessages = {
  backups: {
    none: 'The server makes no scheduled backups (turn them on with peixun serve --backup-dir; by hand: peixun backup, pg_dump for PostgreSQL)',
    ok: 'Last backup {at}: verified sound',
    failed: 'Last backup {at} failed: {message}',
  },
}

export default backupsEn
