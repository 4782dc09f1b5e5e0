// Serving: parse --listen, find the web app, start the HTTP server around an
// Application, and block until SIGINT/SIGTERM (graceful stop).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "crypto/data_key.h"
#include "store/store.h"

namespace peixun::app {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; [::1]:PORT for IPv6
  std::string web_root;                   // empty: PEIXUN_WEB_ROOT or the built web/dist
  int io_threads = 0;
  int worker_threads = 8;
  // --second-factor required|optional: whether admins and organizers must use TOTP.
  bool second_factor_required = true;
  // --trusted-proxy: addresses or CIDR ranges of reverse proxies whose
  // X-Forwarded-For / X-Forwarded-Proto are believed (core/forwarded.h); "" none.
  std::string trusted_proxies;
  // --cookie-secure auto|always: auto marks cookies Secure when the request came over
  // https (from a trusted proxy); always treats every request as https.
  bool always_https = false;
};

struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};
Result<ListenAddress> ParseListen(const std::string& text);

// The web app folder: `explicit_root`, else $PEIXUN_WEB_ROOT, else web/dist
// beside the build folder of this binary, else /usr/share/peixun/web; "" if none.
std::string FindWebRoot(const std::string& explicit_root);

// Serves until a signal arrives; `on_ready(url)` runs once listening (the demo
// prints its login line there). Returns the process exit code.
int RunServer(std::unique_ptr<store::Store> store, crypto::DataKey key, const ServeOptions& options,
              const std::function<void(const std::string& url)>& on_ready = {});

}  // namespace peixun::app
