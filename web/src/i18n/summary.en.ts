import type { SummaryMessages } from './summary.zh-CN'

const summaryEn: SummaryMessages = {
  summary: {
    pdf: 'Class summary (PDF)',
    docx: 'Class summary (Word)',
  },
}

export default summaryEn
