import type { InvitesShareMessages } from './invites-share.zh-CN'

const invitesShareEn: InvitesShareMessages = {
  invitesShare: {
    open: 'Sign-in links for WeChat',
    title: 'Sign-in links (paste into WeChat)',
    hint: 'One line per trainee: copy each to send to the trainee, or copy all for the class group. Links valid until {expires}, for the trainee only.',
    line: '{name}: {link}',
    copy: 'Copy',
    copyAll: 'Copy all ({n})',
    everyone: 'the sign-in links of {n} trainees',
    copied: 'Copied {what}',
    copyFailed: 'Copying failed: press and hold the text to copy it',
    badges: 'Badges (sign-in QR on the back)',
    badgesConfirm: 'New sign-in links will be issued for {who} and printed on the backs of the badges; earlier unused links die. Print double-sided (flip on the long edge). Continue?',
  },
}
export default invitesShareEn
