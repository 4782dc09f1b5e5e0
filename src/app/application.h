// The composition root of the server: one object that owns the store (wrapped
// to time transactions), the metrics, the route table with every module's
// routes, the auth services and the dispatcher. The HTTP server (src/http) and
// the tests that drive the API without sockets both call Handle().
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/dispatcher.h"
#include "api/metrics.h"
#include "api/router.h"
#include "crypto/data_key.h"
#include "modules/auth/auth_services.h"
#include "store/store.h"

namespace peixun::app {

class Application {
 public:
  using Log = std::function<void(const std::string&)>;

  // `second_factor_required`: admins and organizers must pass TOTP at login
  // (modules/auth/auth_service.h); false only for demos and tests that sign in directly.
  Application(std::unique_ptr<store::Store> store, crypto::DataKey key, Log log = {},
              bool second_factor_required = true);
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  // Thread-safe.
  api::Response Handle(api::Request& request) { return dispatcher_->Handle(request); }
  // For the HTTP server: may answer later (api/deferred.h).
  api::Response HandleAsync(api::Request& request) { return dispatcher_->HandleAsync(request); }

  const api::Router& router() const { return router_; }
  api::Metrics& metrics() { return metrics_; }
  store::Store& store() { return *store_; }
  auth::AuthServices& auth() { return *auth_; }

 private:
  api::Metrics metrics_;
  std::unique_ptr<store::Store> store_;
  crypto::DataKey key_;
  api::Router router_;
  std::unique_ptr<auth::AuthServices> auth_;
  std::unique_ptr<api::Dispatcher> dispatcher_;
};

}  // namespace peixun::app
