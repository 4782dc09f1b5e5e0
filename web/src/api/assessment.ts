// Typed wrappers for the staff side of assessment (question bank, exams, grading,
// results), reflection papers and course evaluation (docs: `peixun openapi`, tags
// assessment / reflection / evaluation). Scores travel in hundredths (`_centi`).
import { api, buildUrl } from './client'
import type { CsvEncoding, ExportFormat, ImportOptions } from './endpoints'
import type { ImportReport } from './types'

export type QuestionKind = 'single' | 'multiple' | 'true_false' | 'fill_in' | 'short_answer'
export const QUESTION_KINDS: QuestionKind[] = ['single', 'multiple', 'true_false', 'fill_in', 'short_answer']
export const isChoice = (k: QuestionKind) => k === 'single' || k === 'multiple' || k === 'true_false'

export interface QuestionBank {
  id: number
  name: string
  organizer_name: string
  created_at: number
}

export interface Question {
  id: number
  bank_id: number
  kind: QuestionKind
  stem: string
  options: string[]
  credit: string
  points: number
  tags: string[]
  archived: boolean
  correct: number[]
  accepted: string[]
  rubric: string
  explanation: string
}

export interface QuestionInput {
  kind: QuestionKind
  stem: string
  options: string[]
  correct: number[]
  credit: string
  accepted: string[]
  rubric: string
  explanation: string
  points: number
  tags: string[]
}

export interface PaperQuestion extends Question {
  position: number
  points_centi: number
}

export interface Exam {
  id: number
  class_id: number
  session_id: number
  title: string
  time_limit_minutes: number
  max_attempts: number
  counting: 'best' | 'last'
  shuffle_questions: boolean
  shuffle_options: boolean
  doubtful_below: number
  released: boolean
  released_ms: number | null
  session_start_ms: number
  session_end_ms: number
  pass_mark: number
  total_centi: number
  paper: PaperQuestion[]
}

export interface ExamInput {
  session_id: number
  bank_id: number
  title?: string
  question_ids: number[]
  draws: { tag: string; count: number }[]
  points_each?: number
  time_limit_minutes: number
  max_attempts: number
  counting: 'best' | 'last'
  shuffle_questions: boolean
  shuffle_options: boolean
}

export type MonitorStatus = 'not_started' | 'in_progress' | 'submitted'
export interface MonitorRow {
  person_id: number
  name: string
  unit_name: string
  status: MonitorStatus
  attempts: number
  attempt_id: number | null
  started_ms: number | null
  deadline_ms: number | null
  remaining_ms: number
  submitted_ms: number | null
  submitted_by: '' | 'trainee' | 'server'
  answered: number
}
export interface ExamMonitor {
  exam_id: number
  now_ms: number
  question_count: number
  not_started: number
  in_progress: number
  submitted: number
  people: MonitorRow[]
}

export interface GradingItem {
  attempt_id: number
  person_id: number
  text: string
  score_centi: number | null
  comment: string
}

export interface QuestionStat {
  question_id: number
  position: number
  mean: number
  facility: number | null
  discrimination: number | null
  doubtful: boolean
  option_counts: number[]
  blank: number
}
export interface ExamResults {
  exam_id: number
  total_centi: number
  pass_mark: number
  attempts: number
  mean_total: number
  sd_total: number | null
  cronbach_alpha: number | null
  people: { person_id: number; attempt_id: number | null; score_centi: number | null; pending: boolean; passed: boolean | null }[]
  questions: QuestionStat[]
}

// ---- reflection papers
export interface ReflectionRequirement {
  required: boolean
  class_id?: number
  deadline?: string
  deadline_at?: number
  grading?: 'mark' | 'pass_fail'
}
export interface Paper {
  id: number
  class_id: number
  person_id: number
  person_name: string
  unit_name: string
  source: 'typed' | 'txt' | 'docx' | 'pdf'
  file_name: string
  text?: string
  submitted_at: number
  late: boolean
  mark: number | null
  passed: boolean | null
  grade_comment: string
  graded: boolean
}
export interface PaperList {
  requirement: ReflectionRequirement
  papers: Paper[]
  missing: string[]
}
export interface SimilarPair {
  a: Paper
  b: Paper
  similarity: number
  shared: { start: number; length: number; text: string }[]
}

// ---- evaluation
export interface Questionnaire {
  id: number
  class_id: number
  session_id: number | null
  lecturer_id: number | null
  lecturer_name: string
  title: string
  kind: 'lecture' | 'class'
  opened_at: number
  closed_at: number | null
  open: boolean
  responses?: number
  expected?: number
}
export interface Tally {
  count: number
  mean: number | null
  satisfaction: number | null
  distribution: Record<string, number>
}
export interface Slice {
  responses: number
  threshold: number
  visible: boolean
  overall?: Tally
  items?: { key: string; label: string; tally: Tally }[]
  comments?: string[]
}
export interface QuestionnaireResult {
  questionnaire: Questionnaire
  result: Slice
}
export interface ClassEvaluationResults {
  class_id: number
  questionnaires: QuestionnaireResult[]
  lecturers: { lecturer_id: number; lecturer_name: string; result: Slice; lectures: QuestionnaireResult[] }[]
}
export interface PendingNames {
  questionnaire_id: number
  expected: number
  responses: number
  count: number
  names: string[]
}

const fileUrl = (path: string, query?: Record<string, string | number | undefined>) => buildUrl(`/api/v1/${path}`, query)

export const bankApi = {
  banks: () => api.get<{ items: QuestionBank[] }>('question-banks'),
  createBank: (name: string, organizer_name: string) => api.post<QuestionBank>('question-banks', { name, organizer_name }),
  questions: (bankId: number, tag?: string) => api.get<{ items: Question[] }>(`question-banks/${bankId}/questions`, { tag }),
  create: (bankId: number, q: QuestionInput) => api.post<Question>(`question-banks/${bankId}/questions`, q),
  update: (id: number, q: QuestionInput) => api.put<Question>(`questions/${id}`, q),
  archive: (id: number) => api.post<Question>(`questions/${id}/archive`),
  templateUrl: (format: ExportFormat, encoding?: CsvEncoding) =>
    fileUrl('question-banks/import-template', { format, encoding }),
  exportUrl: (bankId: number, format: ExportFormat, encoding?: CsvEncoding) =>
    fileUrl(`question-banks/${bankId}/export`, { format, encoding }),
  importFile: (bankId: number, file: File, o: ImportOptions) =>
    api.upload<ImportReport>(`question-banks/${bankId}/import`, file, {
      filename: file.name,
      dry_run: o.dryRun ? 1 : undefined,
      skip_bad_rows: o.skipBadRows ? 1 : undefined,
    }),
}

export const examApi = {
  forClass: (classId: number) => api.get<{ items: Exam[] }>(`classes/${classId}/exams`),
  create: (e: ExamInput) => api.post<Exam>('exams', e),
  monitor: (examId: number) => api.get<ExamMonitor>(`exams/${examId}/monitor`),
  grading: (examId: number, questionId: number) =>
    api.get<{ items: GradingItem[] }>(`exams/${examId}/grading`, { question_id: questionId }),
  grade: (attemptId: number, question_id: number, score_centi: number, comment: string) =>
    api.post<void>(`attempts/${attemptId}/grades`, { question_id, score_centi, comment }),
  release: (examId: number) => api.post<Exam>(`exams/${examId}/release`),
  results: (examId: number) => api.get<ExamResults>(`exams/${examId}/results`),
  resultsUrl: (examId: number, format: ExportFormat, encoding?: CsvEncoding) =>
    fileUrl(`exams/${examId}/results/export`, { format, encoding }),
  extraTime: (examId: number, person_id: number, minutes: number) =>
    api.put<void>(`exams/${examId}/extra-time`, { person_id, minutes }),
}

export const reflectionApi = {
  requirement: (classId: number) => api.get<ReflectionRequirement>(`classes/${classId}/reflection`),
  setRequirement: (classId: number, deadline: string, grading: 'mark' | 'pass_fail') =>
    api.put<ReflectionRequirement>(`classes/${classId}/reflection`, { deadline, grading }),
  papers: (classId: number) => api.get<PaperList>(`classes/${classId}/reflections`),
  paper: (id: number) => api.get<Paper>(`reflections/${id}`),
  similar: (classId: number, threshold?: number) =>
    api.get<SimilarPair[]>(`classes/${classId}/reflections/similar`, { threshold }),
  grade: (id: number, g: { mark?: number | null; passed?: boolean | null; comment: string }) =>
    api.post<Paper>(`reflections/${id}/grade`, g),
  pdfUrl: (classId: number) => fileUrl(`classes/${classId}/reflections.pdf`),
}

export const evaluationApi = {
  list: (classId: number) => api.get<Questionnaire[]>(`classes/${classId}/evaluations`),
  open: (classId: number, sessionId?: number) =>
    api.post<Questionnaire>(`classes/${classId}/evaluations`, sessionId ? { session_id: sessionId } : {}),
  close: (id: number) => api.post<Questionnaire>(`evaluations/${id}/close`),
  results: (classId: number) => api.get<ClassEvaluationResults>(`classes/${classId}/evaluations/results`),
  pending: (id: number) => api.get<PendingNames>(`evaluations/${id}/pending`),
}
