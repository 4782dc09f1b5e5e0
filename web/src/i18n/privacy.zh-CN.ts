const privacyZh = {
  privacy: {
    exportJson: '导出个人信息（JSON）',
    exportXlsx: '导出个人信息（Excel）',
    erase: '删除个人信息',
    eraseTitle: '删除「{name}」的个人信息（不可恢复）',
    eraseWhat:
      '将删除：姓名（改为“已删除#编号”）、身份证号、手机号、民族、出生日期、职务、入党日期、标签、心得体会正文与上传文件、请假事由与附件、校外学时证明、饮食需求、登录账号与会话，以及审计日志中的上述信息。将保留：班级人数、学时、考勤与成绩统计、匿名评估。请填写删除原因：',
    reasonPlaceholder: '如：本人申请删除',
    reasonRequired: '请填写删除原因',
    eraseConfirm: '确认删除',
    erased: '个人信息已删除',
  },
}

export type PrivacyMessages = typeof privacyZh
export default privacyZh
