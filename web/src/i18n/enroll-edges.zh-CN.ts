// Simplified Chinese strings of the enrollment edges (issue 11 #5): the quota-full
// dialog, the name search of the 学员 tab, 报名到培训班 after adding a person.
const enrollEdgesZh = {
  enrollEdges: {
    searchName: '按姓名查找学员',
    quotaFullTitle: '{name}：所在单位名额已满',
    quotaUsage: '{unit}：名额 {seats}，已占用 {used}，候补 {waiting}',
    raiseOption: '提高该单位名额后批准',
    substituteOption: '替训：顶替本单位一名学员',
    newSeats: '{unit} 的新名额',
    capacityHint: '培训班容量 {n}，其他单位已分配 {other}',
    raiseAndApprove: '提高名额并批准',
    raisedApproved: '已把 {unit} 的名额提高到 {n}，并批准 {name}',
    reason: '替训原因',
    holder: '被顶替的学员',
    pickHolder: '请选择被顶替的学员',
    enrollTitle: '把 {name} 报名到培训班',
    class: '培训班',
    pickClass: '请选择培训班',
    waitlistIfFull: '名额已满时进入候补',
    approveNow: '同时批准',
    notNow: '暂不报名',
    enroll: '报名',
    enrolledAs: '{name} 已报名到“{cls}”（{status}）',
  },
}
export default enrollEdgesZh
export type EnrollEdgesMessages = typeof enrollEdgesZh
