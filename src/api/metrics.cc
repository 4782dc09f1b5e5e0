#include "api/metrics.h"

#include <sstream>
#include <tuple>

namespace peixun::api {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void RenderHistogram(std::ostringstream& out, const std::string& name, const std::string& labels,
                     const std::array<uint64_t, Metrics::kBuckets.size()>& counts, uint64_t count,
                     double sum) {
  uint64_t cumulative = 0;
  const std::string sep = labels.empty() ? "" : ",";
  for (size_t i = 0; i < Metrics::kBuckets.size(); ++i) {
    cumulative += counts[i];
    out << name << "_bucket{" << labels << sep << "le=\"" << Metrics::kBuckets[i] << "\"} "
        << cumulative << "\n";
  }
  out << name << "_bucket{" << labels << sep << "le=\"+Inf\"} " << count << "\n";
  out << name << "_sum{" << labels << "} " << sum << "\n";
  out << name << "_count{" << labels << "} " << count << "\n";
}

}  // namespace

void Metrics::Histogram::Observe(double seconds) {
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++counts[i];
      break;
    }
  }
  ++count;
  sum += seconds;
}

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status,
                             double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  latency_[{method, route}].Observe(seconds);
}

void Metrics::ObserveDb(const std::string& kind, double seconds) {
  std::lock_guard lock(mu_);
  db_[kind].Observe(seconds);
}

void Metrics::SetGauge(const std::string& name, double value) {
  std::lock_guard lock(mu_);
  gauges_[name] = value;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::ostringstream out;
  out << "# HELP peixun_http_requests_total HTTP requests by method, route and status.\n"
      << "# TYPE peixun_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out << "peixun_http_requests_total{method=\"" << method << "\",route=\"" << Escape(route)
        << "\",status=\"" << status << "\"} " << n << "\n";
  }
  out << "# HELP peixun_http_request_duration_seconds Time to answer a request.\n"
      << "# TYPE peixun_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    RenderHistogram(out, "peixun_http_request_duration_seconds",
                    "method=\"" + key.first + "\",route=\"" + Escape(key.second) + "\"", h.counts,
                    h.count, h.sum);
  }
  out << "# HELP peixun_db_transaction_duration_seconds Database transaction time.\n"
      << "# TYPE peixun_db_transaction_duration_seconds histogram\n";
  for (const auto& [kind, h] : db_) {
    RenderHistogram(out, "peixun_db_transaction_duration_seconds", "kind=\"" + kind + "\"",
                    h.counts, h.count, h.sum);
  }
  for (const auto& [name, value] : gauges_) {
    out << "# TYPE " << name << " gauge\n" << name << " " << value << "\n";
  }
  return out.str();
}

}  // namespace peixun::api
