// Prometheus metrics of the server: requests by route and status, a latency
// histogram per route, database transaction timings. Thread-safe; rendering takes
// a short lock.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace peixun::api {

class Metrics {
 public:
  // Upper bounds (seconds) of the latency buckets.
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,   5};

  void ObserveRequest(const std::string& method, const std::string& route, int status,
                      double seconds);
  // kind: "transact" or "read".
  void ObserveDb(const std::string& kind, double seconds);
  void SetGauge(const std::string& name, double value);
  // Text exposition format 0.0.4.
  std::string Render() const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
    void Observe(double seconds);
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
  std::map<std::string, Histogram> db_;
  std::map<std::string, double> gauges_;
};

}  // namespace peixun::api
