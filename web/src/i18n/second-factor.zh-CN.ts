// 双因素认证 (secondFactor.*): the login's second step, enrollment and recovery codes.
const secondFactorZh = {
  secondFactor: {
    codeTitle: '双因素认证',
    codeHint: '请输入身份验证器应用（如腾讯身份验证器、Microsoft Authenticator）显示的 6 位验证码，或一个恢复码。',
    code: '验证码',
    codeRequired: '请输入验证码',
    verify: '验证并登录',
    back: '返回重新登录',
    enrollTitle: '设置双因素认证',
    enrollHint: '您的角色必须使用双因素认证。请用身份验证器应用扫描二维码（或手动输入密钥），然后输入应用显示的 6 位验证码。',
    secret: '密钥',
    confirm: '确认并登录',
    recoveryTitle: '请保存恢复码',
    recoveryHint: '手机丢失时，可用下列恢复码代替验证码登录，每个只能使用一次。它们只显示这一次，请抄写或打印后妥善保管。',
    continue: '我已保存，继续',
  },
}

export type SecondFactorMessages = typeof secondFactorZh
export default secondFactorZh
