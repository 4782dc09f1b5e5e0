// Simplified Chinese strings of the check-in secret's rotation (class page);
// merged into zh-CN.ts. en is checked against this shape.
const checkinSecretZh = {
  checkinSecret: {
    rotate: '更换签到密钥',
    confirmTitle: '更换本班签到密钥',
    confirm:
      '更换后，本班已打印的胸牌二维码和正在投屏的签到码立即失效，胸牌须重新打印后才能用于签到。确定更换吗？',
    confirmButton: '更换',
    cancel: '取消',
    done: '签到密钥已更换：请重新打印胸牌',
  },
}

export type CheckinSecretMessages = typeof checkinSecretZh
export default checkinSecretZh
