import type { SecondFactorMessages } from './second-factor.zh-CN'

const secondFactorEn: SecondFactorMessages = {
  secondFactor: {
    codeTitle: 'Two-factor authentication',
    codeHint: 'Enter the 6-digit code your authenticator app (e.g. Microsoft Authenticator) shows, or one recovery code.',
    code: 'Code',
    codeRequired: 'Enter the code',
    verify: 'Verify and sign in',
    back: 'Back to sign-in',
    enrollTitle: 'Set up two-factor authentication',
    enrollHint: 'Your role must use two-factor authentication. Scan the QR code with an authenticator app (or type the key), then enter the 6-digit code it shows.',
    secret: 'Key',
    confirm: 'Confirm and sign in',
    recoveryTitle: 'Save your recovery codes',
    recoveryHint: 'If you lose your phone, each of these codes signs you in once instead of a code from the app. They are shown only now: write them down or print them.',
    continue: 'I saved them, continue',
  },
}

export default secondFactorEn
