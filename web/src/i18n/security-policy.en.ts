import type { SecurityPolicyMessages } from './security-policy.zh-CN'

const securityPolicyEn: SecurityPolicyMessages = {
  securityPolicy: {
    menu: 'Security policy',
    title: 'Security policy',
    passwordHint: 'Checked whenever people set or change their own password (MLPS level 3: identification). Generated first and reset passwords are not limited.',
    passwordTitle: 'Password policy',
    minChars: 'Minimum length',
    minCharsUnit: 'characters (1–128)',
    minClasses: 'Character classes required',
    minClassesUnit: 'classes (1–4: upper case, lower case, digits, symbols; Chinese characters count as symbols)',
    history: 'Must differ from the last',
    historyUnit: 'passwords (0–24; 0: no limit)',
    expiryDays: 'Password expires after',
    expiryDaysUnit: 'days (0–3650; 0: never)',
    save: 'Save',
    saved: 'Saved',
    retentionTitle: 'Login log retention',
    retentionHint: 'Older login log entries are deleted by the server every hour (or run peixun login-log purge on the server). Network logs are kept at least six months, so the least is 180 days.',
    retentionDays: 'Keep for',
    retentionUnit: 'days (180–3650)',
    required: 'Required',
    range: 'A whole number from {min} to {max}',
  },
  changePassword: {
    title: 'Change password',
    rules: 'The new password needs at least {n} characters of at least {c} classes, and must differ from your last {h} passwords.',
    old: 'Current password',
    new: 'New password',
    again: 'New password again',
    required: 'Required',
    mismatch: 'The two new passwords differ',
    submit: 'Change password',
    done: 'Password changed; your sign-ins on other devices have ended',
  },
}

export default securityPolicyEn
