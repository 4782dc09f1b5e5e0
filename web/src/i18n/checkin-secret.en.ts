import type { CheckinSecretMessages } from './checkin-secret.zh-CN'

const checkinSecretEn: CheckinSecretMessages = {
  checkinSecret: {
    rotate: 'Rotate check-in secret',
    confirmTitle: "Rotate this class's check-in secret",
    confirm:
      "After rotation, this class's printed badge QR codes and the check-in code on the projector stop working at once; badges must be printed again before they can be used to check in. Rotate now?",
    confirmButton: 'Rotate',
    cancel: 'Cancel',
    done: 'Check-in secret rotated: print the badges again',
  },
}

export default checkinSecretEn
