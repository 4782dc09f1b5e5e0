// One coroutine per connection: read a request (with limits and deadlines), hand it
// to the worker pool (or the static files), write the response, repeat while
// keep-alive holds.
#pragma once

#include <memory>

#include "http/asio.h"
#include "http/server_core.h"

namespace peixun::http {

// Runs on the connection's strand (spawn it on connection->stream's executor).
// Registers the connection with `core` for its lifetime. Never throws for network
// or protocol errors: those end the connection (with a 4xx when one can be sent).
asio::awaitable<void> RunSession(ServerCore& core, std::shared_ptr<Connection> connection);

}  // namespace peixun::http
