import { ElMessage, ElMessageBox } from 'element-plus'
import { errorMessage } from '@/api/client'
import { i18n } from '@/i18n'
import { toastError } from '@/composables/useAction'

/**
 * Asks "delete …?" (with the danger button), then runs `remove`. Resolves true
 * once it is deleted (after the 已删除 message); false when the user cancelled or
 * the server refused — the refusal shown by `onError`, or as an error message.
 */
export async function confirmDelete(
  question: string,
  remove: () => Promise<unknown>,
  onError?: (message: string) => void,
): Promise<boolean> {
  const t = i18n.global.t
  try {
    await ElMessageBox.confirm(question, t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: t('common.delete'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'el-button--danger',
    })
  } catch {
    return false
  }
  try {
    await remove()
    ElMessage.success(t('common.deleted'))
    return true
  } catch (e) {
    if (onError) onError(errorMessage(e))
    else toastError(e)
    return false
  }
}
