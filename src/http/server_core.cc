#include "http/server_core.h"

#include <algorithm>
#include <thread>
#include <utility>
#include <vector>

namespace peixun::http {

ServerCore::ServerCore(ServerOptions options_in, Server::Handler handler_in, Server::Log log)
    : options(std::move(options_in)),
      handler(std::move(handler_in)),
      static_files(options.web_root),
      log_(std::move(log)),
      workers(static_cast<size_t>(std::max(1, options.worker_threads))) {}

void ServerCore::Log(const std::string& line) const {
  if (log_) log_(line);
}

std::function<void(std::exception_ptr)> ServerCore::LogFailure(std::string what) const {
  return [this, what = std::move(what)](std::exception_ptr failure) {
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      Log("http: " + what + " ended by an exception: " + e.what());
    } catch (...) {
      Log("http: " + what + " ended by an unknown exception");
    }
  };
}

void ServerCore::Register(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mu_);
  connections_.emplace(connection.get(), connection);
}

void ServerCore::Unregister(const Connection* connection) {
  std::lock_guard lock(mu_);
  connections_.erase(connection);
}

size_t ServerCore::ConnectionCount() const {
  std::lock_guard lock(mu_);
  return connections_.size();
}

void ServerCore::PostToEach(std::function<void(Connection&)> action) {
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(mu_);
    for (const auto& [key, weak] : connections_) {
      if (auto c = weak.lock()) live.push_back(std::move(c));
    }
  }
  for (auto& c : live) {
    auto executor = c->stream.get_executor();
    asio::post(executor, [c = std::move(c), action] { action(*c); });
  }
}

}  // namespace peixun::http
