#include "modules/demo/demo_scenario.h"

namespace peixun::demo {

Result<DemoScenario> LoadDemoScenario(store::Store& store, const crypto::DataKey& key) {
  DemoScenario out;
  PEIXUN_ASSIGN_OR_RETURN(out.seed_class, LoadDemoClass(store, key));
  PEIXUN_ASSIGN_OR_RETURN(
      out.logins, CreateDemoUsers(store, {out.seed_class.class_id, out.seed_class.organizer_unit_id,
                                          out.seed_class.liaison_unit_id}));
  PEIXUN_ASSIGN_OR_RETURN(
      out.history, LoadDemoHistory(store, key, out.seed_class.class_id, out.logins.head_teacher));
  PEIXUN_ASSIGN_OR_RETURN(out.invite, InviteDemoTrainee(store, out.history.featured_trainee));
  PEIXUN_ASSIGN_OR_RETURN(
      out.assessment, LoadDemoAssessment(store, out.seed_class.class_id, out.logins.head_teacher));
  PEIXUN_ASSIGN_OR_RETURN(out.feedback,
                          LoadDemoFeedback(store, out.seed_class.class_id, out.logins.head_teacher,
                                           out.history.featured_trainee));
  PEIXUN_ASSIGN_OR_RETURN(out.past,
                          LoadDemoPastClasses(store, key, out.seed_class.organizer_unit_id));
  return out;
}

}  // namespace peixun::demo
