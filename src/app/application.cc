#include "app/application.h"

#include "app/system_routes.h"
#include "modules/audit/audit_routes.h"
#include "modules/auth/auth_routes.h"
#include "modules/org/org_routes.h"
#include "modules/people/people_routes.h"
#include "store/timed_store.h"

namespace peixun::app {

Application::Application(std::unique_ptr<store::Store> store, crypto::DataKey key, Log log)
    : store_(std::make_unique<store::TimedStore>(
          std::move(store),
          [this](const std::string& kind, double seconds) { metrics_.ObserveDb(kind, seconds); })),
      key_(std::move(key)) {
  auth_ = std::make_unique<auth::AuthServices>(*store_);
  RegisterSystemRoutes(router_, metrics_);
  auth::RegisterAuthRoutes(router_, *auth_);
  org::RegisterOrgRoutes(router_, *store_);
  people::RegisterPeopleRoutes(router_, *store_, key_);
  audit::RegisterAuditRoutes(router_, *store_);
  dispatcher_ = std::make_unique<api::Dispatcher>(router_, auth_->authenticator, metrics_,
                                                  std::move(log));
}

}  // namespace peixun::app
