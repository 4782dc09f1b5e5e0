// The one door to Boost.Asio and Boost.Beast: every file in src/http includes this
// header instead of Boost directly, and no file outside src/http includes it.
//
// <utility> comes first on purpose: Boost 1.74's asio/awaitable.hpp uses
// std::exchange without including <utility>, which g++ 12's library no longer pulls
// in transitively (shared/DESIGN.md, "Known pitfalls").
#pragma once

#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace peixun::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
// Beast's HTTP namespace; "bhttp" because this namespace is peixun::http.
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

}  // namespace peixun::http
