// Typed wrappers for the trainee's phone pages of issue #12 (exam, reflection
// paper, course evaluation) and the lecturer's own evaluation results. Shapes come
// from the OpenAPI document (./generated/openapi.ts).
import { api } from './client'
import type { operations } from './generated/openapi'

type Json<Op extends keyof operations, S extends number = 200> = operations[Op] extends {
  responses: { [K in S]: { content: { 'application/json': infer B } } }
}
  ? B
  : never

export type ExamSummary = Json<'get_classes_id_my_exams'>['items'][number]
export type Attempt = Json<'get_attempts_id'>
export type AttemptQuestion = Attempt['questions'][number]
export type TraineeResult = Json<'get_exams_id_my_result'>
export type KeyItem = NonNullable<TraineeResult['key']>[number]
export type SavedAnswer = Json<'put_attempts_id_answers'>
export type SavedBatch = Json<'post_attempts_id_answers_batch'>
export type Requirement = Json<'get_classes_id_reflection'>
export type Paper = Json<'get_classes_id_reflections_mine'>
export type Questionnaire = Json<'get_classes_id_evaluations'>[number]
export type LecturerSlice = Json<'get_lecturers_id_evaluations'>
export type QuestionnaireResult = NonNullable<LecturerSlice['lectures']>[number]
export type Slice = NonNullable<LecturerSlice['result']>

/** One answer as the server takes it: chosen option ids or typed text. */
export interface AnswerWrite {
  question_id: number
  selected?: number[]
  text?: string
  idempotency_key: string
}

export const examPhoneApi = {
  myExams: (classId: number) => api.get<Json<'get_classes_id_my_exams'>>(`classes/${classId}/my-exams`),
  start: (examId: number) => api.post<Attempt>(`exams/${examId}/attempts`),
  attempt: (attemptId: number) => api.get<Attempt>(`attempts/${attemptId}`),
  myResult: (examId: number) => api.get<TraineeResult>(`exams/${examId}/my-result`),
  save: (attemptId: number, a: AnswerWrite) => api.put<SavedAnswer>(`attempts/${attemptId}/answers`, a),
  saveBatch: (attemptId: number, answers: AnswerWrite[]) =>
    api.post<SavedBatch>(`attempts/${attemptId}/answers/batch`, { answers }),
  submit: (attemptId: number) => api.post<Attempt>(`attempts/${attemptId}/submit`),
}

export const reflectionPhoneApi = {
  requirement: (classId: number) => api.get<Requirement>(`classes/${classId}/reflection`),
  mine: (classId: number) => api.get<Paper>(`classes/${classId}/reflections/mine`),
  submitText: (classId: number, text: string) => api.post<Paper>(`classes/${classId}/reflections`, { text }),
  submitFile: (classId: number, file: File) =>
    api.upload<Paper>(`classes/${classId}/reflections`, file, { filename: file.name }),
}

export type EvaluationScores = Record<'content' | 'relevance' | 'delivery' | 'materials', number>

export const evaluationPhoneApi = {
  list: (classId: number) => api.get<Questionnaire[]>(`classes/${classId}/evaluations`),
  /** One questionnaire, with whether this trainee answered it. */
  get: (id: number) => api.get<Json<'get_evaluations_id'>>(`evaluations/${id}`),
  answer: (id: number, scores: EvaluationScores, comment: string) =>
    api.post<Json<'post_evaluations_id_answers', 201>>(`evaluations/${id}/answers`, { ...scores, comment }),
  lecturerResults: (lecturerId: number) => api.get<LecturerSlice>(`lecturers/${lecturerId}/evaluations`),
}
