import type { PrivacyRetentionMessages } from './privacy-retention.zh-CN'

const privacyRetentionEn: PrivacyRetentionMessages = {
  privacyRetention: {
    menu: 'Data retention',
    title: 'Personal data retention',
    hint: 'People who left every class (all their classes finished or archived) N years ago have their personal data erased by the command peixun privacy retention --apply on the server (the name becomes a placeholder, class statistics stay, the audit chain still verifies). 0 turns this off.',
    years: 'Retention period',
    yearsUnit: 'years',
    off: 'Off',
    save: 'Save',
    saved: 'Saved',
    previewTitle: 'Who this period erases now',
    previewCutoff: 'People whose latest class ended before {date}: {n}',
    previewNone: 'Nobody meets the rule now.',
    previewOff: 'With a period of 0 nobody is erased.',
    previewMore: 'Only the first {shown} of {n} are listed.',
    personId: 'Person no.',
    name: 'Name',
    lastClassEnd: 'Latest class ended',
    command: 'On the server run:',
  },
}

export default privacyRetentionEn
