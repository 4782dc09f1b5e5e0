import type { EnrollEdgesMessages } from './enroll-edges.zh-CN'

const enrollEdgesEn: EnrollEdgesMessages = {
  enrollEdges: {
    searchName: 'Find a trainee by name',
    quotaFullTitle: "{name}: the unit's quota is full",
    quotaUsage: '{unit}: {seats} seats, {used} taken, {waiting} waiting',
    raiseOption: "Raise the unit's quota, then approve",
    substituteOption: 'Substitute: take the seat of a colleague of the same unit',
    newSeats: 'New quota of {unit}',
    capacityHint: 'Class capacity {n}; other units hold {other}',
    raiseAndApprove: 'Raise quota and approve',
    raisedApproved: 'Quota of {unit} raised to {n}; {name} approved',
    reason: 'Reason for the substitution',
    holder: 'Trainee to replace',
    pickHolder: 'Choose the trainee to replace',
    enrollTitle: 'Enroll {name} in a class',
    class: 'Class',
    pickClass: 'Choose a class',
    waitlistIfFull: 'Join the waiting list when the quota is full',
    approveNow: 'Approve at once',
    notNow: 'Not now',
    enroll: 'Enroll',
    enrolledAs: '{name} enrolled in "{cls}" ({status})',
  },
}
export default enrollEdgesEn
