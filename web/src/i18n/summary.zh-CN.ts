// Simplified Chinese strings of the class summary report (培训总结) download;
// merged into zh-CN.ts. en is checked against this shape.
const summaryZh = {
  summary: {
    pdf: '培训总结（PDF）',
    docx: '培训总结（Word）',
  },
}

export default summaryZh
export type SummaryMessages = typeof summaryZh
