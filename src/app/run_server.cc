#include "app/run_server.h"

#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "app/application.h"
#include "app/housekeeping.h"
#include "core/ip_ranges.h"
#include "core/log_redaction.h"
#include "http/server.h"

namespace peixun::app {
namespace {

std::string ExecutableDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "" : exe.parent_path().string();
}

void LogLine(const std::string& line) {
  static std::mutex mu;
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  std::lock_guard lock(mu);
  std::cerr << stamp << " " << core::RedactPersonalNumbers(line) << "\n";
}

}  // namespace

Result<ListenAddress> ParseListen(const std::string& text) {
  std::string host, port;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return Invalid("cli.listen", "--listen 格式应为 HOST:PORT", "--listen must be HOST:PORT",
                     "--listen");
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos) {
      return Invalid("cli.listen", "--listen 格式应为 HOST:PORT", "--listen must be HOST:PORT",
                     "--listen");
    }
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  int value = -1;
  auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || ptr != port.data() + port.size() || value < 0 || value > 65535 ||
      host.empty()) {
    return Invalid("cli.listen", "--listen 的端口无效：" + text,
                   "invalid port in --listen: " + text, "--listen");
  }
  return ListenAddress{host, static_cast<uint16_t>(value)};
}

std::string FindWebRoot(const std::string& explicit_root) {
  namespace fs = std::filesystem;
  std::vector<std::string> candidates;
  if (!explicit_root.empty()) candidates.push_back(explicit_root);
  if (const char* env = std::getenv("PEIXUN_WEB_ROOT"); env && *env) candidates.push_back(env);
  const std::string exe_dir = ExecutableDir();
  if (!exe_dir.empty()) {
    candidates.push_back(exe_dir + "/../web/dist");
    candidates.push_back(exe_dir + "/web");
  }
  candidates.push_back("/usr/share/peixun/web");
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::exists(fs::path(c) / "index.html", ec)) return fs::canonical(c, ec).string();
  }
  return "";
}

int RunServer(std::unique_ptr<store::Store> store, crypto::DataKey key, const ServeOptions& options,
              const std::function<void(const std::string& url)>& on_ready) {
  auto listen = ParseListen(options.listen);
  if (!listen) {
    std::cerr << "错误：" << listen.error().message << "\n";
    return 1;
  }
  auto trusted_proxies = core::ParseIpRanges(options.trusted_proxies);
  if (!trusted_proxies) {
    std::cerr << "错误：--trusted-proxy " << trusted_proxies.error().message
              << "\nerror: --trusted-proxy " << trusted_proxies.error().message_en << "\n";
    return 1;
  }
  Application application(std::move(store), std::move(key), LogLine,
                          options.second_factor_required);
  http::ServerOptions server_options;
  server_options.host = listen->host;
  server_options.port = listen->port;
  server_options.io_threads = options.io_threads;
  server_options.worker_threads = options.worker_threads;
  server_options.web_root = FindWebRoot(options.web_root);
  server_options.trusted_proxies = std::move(*trusted_proxies);
  server_options.always_https = options.always_https;
  http::Server server(
      server_options, [&application](api::Request& r) { return application.HandleAsync(r); },
      LogLine);
  if (Status st = server.Start(); !st) {
    std::cerr << "错误：" << st.error().message << "\nerror: " << st.error().message_en << "\n";
    return 1;
  }
  http::InstallSignalStop(server);
  Housekeeping housekeeping(application.store(), LogLine);  // the login log purge
  housekeeping.Start();
  const std::string host =
      listen->host.find(':') != std::string::npos ? "[" + listen->host + "]" : listen->host;
  const std::string url = "http://" + host + ":" + std::to_string(server.port()) + "/";
  std::cout << "peixun " << PEIXUN_VERSION << " serving " << url << "  (database "
            << application.store().DisplayUrl() << ")\n";
  if (server_options.web_root.empty()) {
    std::cout << "web app not built: run scripts/build.sh (the API works without it)\n";
  }
  if (on_ready) on_ready(url);
  std::cout.flush();
  server.Wait();
  housekeeping.Stop();
  std::cout << "stopped\n";
  return 0;
}

}  // namespace peixun::app
