// Accepts connections and starts one session coroutine (session.h) for each.
#pragma once

#include "http/asio.h"
#include "http/server_core.h"

namespace peixun::http {

// Runs until the acceptor is closed (Stop) or core.stopping is set. Each accepted
// socket gets its own strand. Transient accept failures (out of file descriptors)
// are logged and retried after a pause instead of ending the loop.
asio::awaitable<void> Listen(ServerCore& core, tcp::acceptor& acceptor);

}  // namespace peixun::http
