// Completion learns how each trainee did from the assessment modules through this
// source (completion_service.h AssessmentSource): the closing exam's counted score
// (assessment), the reflection paper's state (reflection) and how many course
// evaluations were answered of those opened (evaluation). Composed here, in the
// composition root, so completion depends on none of them.
#pragma once

#include "modules/completion/completion_service.h"

namespace peixun::app {

// Every approved trainee of the class gets an entry, so a trainee who sat no exam is
// "exam missing", never "no exam".
completion::AssessmentSource MakeAssessmentSource();

}  // namespace peixun::app
