// Simplified Chinese strings of sharing sign-in invites (issue 11 #2): the text per
// trainee to paste into WeChat, the badges with the invite QR on the back.
const invitesShareZh = {
  invitesShare: {
    open: '微信发送登录链接',
    title: '登录链接（粘贴到微信）',
    hint: '每人一行，可逐个复制发给学员，或全部复制后发到班级群；链接 {expires} 前有效，仅限本人使用。',
    line: '{name}：{link}',
    copy: '复制',
    copyAll: '全部复制（{n} 人）',
    everyone: '{n} 人的登录链接',
    copied: '已复制{what}',
    copyFailed: '复制失败，请长按文字手动复制',
    badges: '胸牌（背面印登录码）',
    badgesConfirm: '将为{who}生成新的登录链接并印在胸牌背面，之前未使用的链接随即作废。请双面打印（长边翻转）。继续吗？',
  },
}
export default invitesShareZh
export type InvitesShareMessages = typeof invitesShareZh
