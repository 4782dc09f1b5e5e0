// 账号安全: the user's own second factor (我的信息 page) and the admin's reset of it
// (用户管理).
const accountSecurityZh = {
  accountSecurity: {
    title: '账号安全：双因素认证',
    stateOn: '已启用',
    stateOff: '未启用',
    required: '您的角色必须使用双因素认证。',
    optional: '启用后，登录时除密码外还须输入手机验证器（如 Microsoft Authenticator）显示的 6 位验证码。',
    codesLeft: '剩余恢复码：{n} 个',
    setUp: '设置双因素认证',
    setUpHint: '用验证器应用扫描二维码（或手动输入密钥），然后输入应用显示的 6 位验证码。',
    secret: '密钥',
    code: '验证码',
    codeRequired: '请输入验证码',
    confirm: '确认启用',
    cancel: '取消',
    enabled: '双因素认证已启用',
    regenerate: '重新生成恢复码',
    regenerateTitle: '重新生成恢复码',
    regenerateHint: '旧恢复码将全部作废。请输入验证器当前显示的 6 位验证码。',
    disable: '停用双因素认证',
    disableTitle: '停用双因素认证',
    disableHint: '停用后登录只需密码。请输入验证器当前显示的 6 位验证码（或一个恢复码）。',
    disableSubmit: '停用',
    disabled: '双因素认证已停用',
    codesTitle: '请保存恢复码',
    codesHint: '手机丢失时，每个恢复码可代替验证码登录一次。恢复码只显示这一次，请抄写、复制或下载保存。',
    copyCodes: '复制',
    downloadCodes: '下载',
    codesSaved: '我已保存',
    codesFile: '恢复码',
    // 用户管理
    column: '双因素认证',
    reset: '清除双因素认证',
    resetConfirm: '清除「{name}」的双因素认证？其验证器与恢复码将失效；必须使用双因素认证的角色在下次登录时重新设置。',
    resetDone: '已清除双因素认证',
  },
}

export type AccountSecurityMessages = typeof accountSecurityZh
export default accountSecurityZh
