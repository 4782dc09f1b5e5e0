import type { PrivacyMessages } from './privacy.zh-CN'

const privacyEn: PrivacyMessages = {
  privacy: {
    exportJson: 'Export personal data (JSON)',
    exportXlsx: 'Export personal data (Excel)',
    erase: 'Erase personal data',
    eraseTitle: 'Erase the personal data of "{name}" (cannot be undone)',
    eraseWhat:
      'Erased: the name (replaced by a numbered placeholder), ID number, phone, ethnicity, birth date, position, party membership date, tags, reflection papers and uploaded files, leave reasons and attachments, outside-hours proofs, dietary needs, the login and its sessions, and these values in the audit log. Kept: class counts, hours, attendance and score statistics, anonymous evaluations. Give the reason for erasing:',
    reasonPlaceholder: 'e.g. at the person\'s request',
    reasonRequired: 'Give a reason',
    eraseConfirm: 'Erase',
    erased: 'Personal data erased',
  },
}

export default privacyEn
