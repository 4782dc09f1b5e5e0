// The reads the trainee's home (/t) puts together: the class's questionnaires with
// whether the trainee answered each (GET /classes/{id}/evaluations answers a trainee
// for themself only).
import { api } from './client'
import type { operations } from './generated/openapi'

export type MyQuestionnaire =
  operations['get_classes_id_evaluations']['responses'][200]['content']['application/json'][number]

export const traineeHomeApi = {
  evaluations: (classId: number) => api.get<MyQuestionnaire[]>(`classes/${classId}/evaluations`),
}

/** The page of one questionnaire for the trainee (built by the evaluation pages). */
export function questionnairePath(id: number): string {
  return `/t/evaluations/${id}`
}
