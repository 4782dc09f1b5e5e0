// 安全策略 (admin): password policy and login log retention; 修改密码 on /me.
const securityPolicyZh = {
  securityPolicy: {
    menu: '安全策略',
    title: '安全策略',
    passwordTitle: '密码策略',
    passwordHint: '本人设置或修改密码时按此检查（等保三级：身份鉴别）。系统生成的初始密码和重置密码不受限制。',
    minChars: '最短长度',
    minCharsUnit: '个字符（1–128）',
    minClasses: '至少包含的字符类别',
    minClassesUnit: '类（1–4：大写字母、小写字母、数字、符号；汉字算作符号）',
    history: '不得与最近几次密码相同',
    historyUnit: '次（0–24；0 表示不限）',
    expiryDays: '密码有效期',
    expiryDaysUnit: '天（0–3650；0 表示永不过期）',
    save: '保存',
    saved: '已保存',
    retentionTitle: '登录日志保存期限',
    retentionHint: '更早的登录日志由服务器每小时自动清理（也可在服务器上运行 peixun login-log purge）。网络日志留存不少于六个月，故最少 180 天。',
    retentionDays: '保存天数',
    retentionUnit: '天（180–3650）',
    required: '请填写',
    range: '应在 {min} 到 {max} 之间的整数',
  },
  changePassword: {
    title: '修改密码',
    rules: '新密码至少 {n} 个字符，至少包含 {c} 类字符，且不能与最近 {h} 次使用过的密码相同。',
    old: '当前密码',
    new: '新密码',
    again: '再次输入新密码',
    required: '请填写',
    mismatch: '两次输入的新密码不一致',
    submit: '修改密码',
    done: '密码已修改，您在其他设备上的登录已结束',
  },
}

export type SecurityPolicyMessages = typeof securityPolicyZh
export default securityPolicyZh
