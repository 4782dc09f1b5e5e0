// 个人信息保存年限 (admin): the retention setting and its preview.
const privacyRetentionZh = {
  privacyRetention: {
    menu: '个人信息保存',
    title: '个人信息保存年限',
    hint: '离开所有培训班（所在培训班均已结束或归档）满 N 年的人员，由服务器上的 peixun privacy retention --apply 命令删除其个人信息（姓名改为“已删除#编号”，保留班级统计，审计链仍可验证）。0 表示不自动删除。',
    years: '保存年限',
    yearsUnit: '年',
    off: '不自动删除',
    save: '保存',
    saved: '已保存',
    previewTitle: '按此年限现在将删除',
    previewCutoff: '最后一个培训班在 {date} 之前结束的人员：{n} 人',
    previewNone: '目前没有满足条件的人员。',
    previewOff: '保存年限为 0 时不自动删除任何人。',
    previewMore: '仅列出前 {shown} 人，共 {n} 人。',
    personId: '人员编号',
    name: '姓名',
    lastClassEnd: '最后一个培训班结束日期',
    command: '在服务器上执行：',
  },
}

export type PrivacyRetentionMessages = typeof privacyRetentionZh
export default privacyRetentionZh
