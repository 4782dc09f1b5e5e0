#include "http/static_files.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>

#include "core/error.h"

namespace peixun::http {
namespace {

namespace fs = std::filesystem;

constexpr char kImmutable[] = "public, max-age=31536000, immutable";
constexpr char kNoCache[] = "no-cache";

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view LastSegment(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool HasExtension(std::string_view path) {
  return LastSegment(path).find('.') != std::string_view::npos;
}

// ".." as a whole segment (after percent-decoding, so "%2e%2e" and "..%2f" land here
// too), any backslash, or an empty segment ("//etc/passwd", "/%2fetc"): an absolute
// path smuggled in. Refused before the file system is asked anything.
bool LooksLikeTraversal(std::string_view path) {
  if (path.find('\\') != std::string_view::npos) return true;
  if (path.find("//") != std::string_view::npos) return true;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(pos, end - pos) == "..") return true;
    pos = end + 1;
  }
  return false;
}

// `path` lies inside `root` (both canonical).
bool IsWithin(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(out).str();
}

api::Response NotFoundResponse(const api::Request& request) {
  return api::ErrorResponse(
      NotFound("request.not_found", "找不到该页面或文件", "no such page or file"), request.lang);
}

api::Response NotBuiltPage() {
  api::Response r;
  r.content_type = "text/html; charset=utf-8";
  r.AddHeader("Cache-Control", "no-store");
  r.body =
      "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<title>peixun</title></head><body>\n"
      "<h1>peixun</h1>\n"
      "<p>网页端尚未构建。The web app is not built.</p>\n"
      "<p>Build it with <code>scripts/build.sh</code>, then start the server again "
      "(the API under <a href=\"/api/v1/openapi.json\">/api/v1/</a> works without it).</p>\n"
      "</body></html>\n";
  return r;
}

api::Response FileResponse(std::string bytes, const fs::path& file, bool immutable) {
  api::Response r;
  r.content_type = std::string(ContentTypeFor(file.filename().string()));
  r.body = std::move(bytes);
  r.AddHeader("Cache-Control", immutable ? kImmutable : kNoCache);
  r.AddHeader("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace

bool IsApiPath(std::string_view path) {
  return path == "/api" || path.rfind("/api/", 0) == 0 || path == "/healthz" || path == "/metrics";
}

std::string_view ContentTypeFor(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kTypes = {{
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"ttf", "font/ttf"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"txt", "text/plain; charset=utf-8"},
      {"webmanifest", "application/manifest+json"},
  }};
  const size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  const std::string ext = Lower(file_name.substr(dot + 1));
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string web_root) : web_root_(std::move(web_root)) {}

api::Response StaticFiles::Serve(const api::Request& request) const {
  if (request.method != api::Method::kGet && request.method != api::Method::kHead) {
    api::Response r = api::ErrorResponse(
        MakeError(ErrorKind::kInvalid, "request.method", "该地址只支持 GET 和 HEAD",
                  "only GET and HEAD are allowed here"),
        request.lang);
    r.status = 405;
    r.AddHeader("Allow", "GET, HEAD");
    return r;
  }
  const std::string& path = request.path;
  if (path.empty() || path[0] != '/' || LooksLikeTraversal(path)) {
    return NotFoundResponse(request);
  }

  // Canonical root, looked up per request so a web app built while the server runs
  // is picked up.
  std::error_code ec;
  fs::path root;
  if (!web_root_.empty()) root = fs::canonical(web_root_, ec);
  if (web_root_.empty() || ec || !fs::is_directory(root, ec)) {
    return HasExtension(path) ? NotFoundResponse(request) : NotBuiltPage();
  }

  // Relative to the root: leading slashes dropped, so "//etc/passwd" cannot become
  // an absolute path when joined.
  std::string_view relative = path;
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  if (relative.empty()) relative = "index.html";

  fs::path candidate = fs::weakly_canonical(root / fs::path(relative), ec);
  if (!ec && IsWithin(candidate, root) && fs::is_regular_file(candidate, ec)) {
    auto bytes = ReadFile(candidate);
    if (!bytes) return NotFoundResponse(request);
    const fs::path inside = candidate.lexically_relative(root);
    const bool immutable = !inside.empty() && *inside.begin() == "assets";
    return FileResponse(std::move(*bytes), candidate, immutable);
  }

  if (HasExtension(path)) return NotFoundResponse(request);
  // A client-side route ("/classes/12/timetable"): the app decides what it shows.
  const fs::path index = root / "index.html";
  auto bytes = ReadFile(index);
  if (!bytes) return NotBuiltPage();
  return FileResponse(std::move(*bytes), index, false);
}

}  // namespace peixun::http
