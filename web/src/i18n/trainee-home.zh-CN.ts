// Simplified Chinese strings of the trainee's home (/t: 今天, 我的考勤, 课程表, 请假);
// merged into zh-CN.ts. en is checked against this shape.
const traineeHomeZh = {
  traineeHome: {
    title: '我的培训',
    hello: '{name}，您好',
    switchClass: '切换培训班',
    sections: '页面导航',
    today: '今天',
    todayTag: '今天',
    noneToday: '今天没有课程',
    noneTodayNext: '今天没有课程，下次课程：{day}',
    checkinNow: '现在签到',
    checkoutNow: '现在签退',
    scanHint: '请用微信“扫一扫”扫描大屏幕上的二维码。',
    checkoutLater: '下课时请扫码签退',
    state: {
      upcoming: '未开始',
      notCheckedIn: '未签到',
      checkedIn: '已签到 {at}',
      checkedOut: '已签到 {at}，已签退 {out}',
      excused: '已请假',
      absent: '缺勤',
      ended: '已结束',
    },
    evaluate: '去评估',
    evaluateLecture: '本节课的教学评估已开启',
    evaluateClass: '培训班总体评估已开启',
    evaluateNamed: '教学评估：{title}',
    leaveShare: '已请假 {taken} / {total} 学时（上限 {limit}）',
    credited: '已获 {n} 学时',
    absences: '缺勤 {n} 次',
    discipline: '违纪 {n} 次',
    showRows: '查看每节课考勤（{n}）',
    hideRows: '收起考勤明细',
    leave: '请假',
    backHome: '返回我的培训',
    noLeaveSessions: '没有可以请假的课程（已结束或已签到的课程请联系班主任）',
  },
  lostSignIn: {
    title: '请先用个人邀请登录',
    body: '签到需要先在手机上登录学员账号。请打开班主任发给您的个人邀请链接或扫描邀请二维码，登录后会自动回到这里。',
    lostTitle: '邀请找不到了或已失效？',
    lostBody: '请找班主任重新生成您的登录邀请二维码（旧的邀请随即失效），扫码后即可签到。',
    inviteHint: '班主任可在培训班的“学员”页为您重新生成邀请二维码（旧的邀请随即失效），扫码即可登录。',
    goHome: '进入我的培训',
    staffLogin: '工作人员账号登录',
  },
}

export default traineeHomeZh
export type TraineeHomeMessages = typeof traineeHomeZh
