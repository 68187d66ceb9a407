#include <doctest/doctest.h>

#include <cstdio>

#include "helpers.h"
#include "search/query.h"
#include "search/source.h"
#include "search/tokenizer.h"

using namespace fb;
using namespace fb::search;

namespace {

/// Query -> the page that must come first (URL without "/index.html"). Alert names, partial alert names,
/// symptoms, identifiers, service names, incident ids, misspellings and half-typed words, filters.
const std::vector<std::pair<std::string, std::string>> kExpectations = {
    {"etcdNoLeader", "runbooks/etcd/etcd-no-leader"},
    {"etcdHighNumberOfLeaderChanges", "runbooks/etcd/etcd-no-leader"},
    {"NoLeader", "runbooks/etcd/etcd-no-leader"},
    {"etcdNoLea", "runbooks/etcd/etcd-no-leader"},
    {"KubeAPIDown", "runbooks/kubernetes/kube-apiserver-down"},
    {"KubeAPIErrorBudgetBurn", "runbooks/kubernetes/kube-apiserver-down"},
    {"ErrorBudgetBurn", "runbooks/kubernetes/kube-apiserver-down"},
    {"kube-apiserver", "runbooks/kubernetes/kube-apiserver-down"},
    {"KubePodCrashLooping", "runbooks/kubernetes/pod-crash-looping"},
    {"CrashLoopBackOff", "runbooks/kubernetes/pod-crash-looping"},
    {"PgBouncerPoolExhausted", "runbooks/postgres/connection-pool-exhausted"},
    {"PoolExhausted", "runbooks/postgres/connection-pool-exhausted"},
    {"too many clients", "runbooks/postgres/connection-pool-exhausted"},
    {"pg_stat_activity", "runbooks/postgres/long-running-queries"},
    {"pg_stat_replication", "runbooks/postgres/replication-lag"},
    {"replication lag", "runbooks/postgres/replication-lag"},
    {"KafkaConsumerLagHigh", "runbooks/kafka/consumer-lag"},
    {"consumer lag", "runbooks/kafka/consumer-lag"},
    {"under replicated partitions", "runbooks/kafka/under-replicated-partitions"},
    {"no space left on device", "runbooks/node/disk-full"},
    {"NodeFilesystemAlmostOutOfSpace", "runbooks/node/disk-full"},
    {"OOMKilled", "runbooks/node/oom-killed"},
    {"exit code 137", "runbooks/node/oom-killed"},
    {"x509 certificate has expired", "runbooks/edge/tls-certificate-expiry"},
    {"SSLCertExpired", "runbooks/edge/tls-certificate-expiry"},
    {"SERVFAIL", "runbooks/edge/dns-resolution-failures"},
    {"invalid_grant", "runbooks/auth/sso-login-failures"},
    {"evicted keys redis", "runbooks/redis/redis-memory-high"},
    {"PrometheusRuleFailures", "runbooks/prometheus/prometheus-rule-failures"},
    {"INC-2026-031", "postmortems/2026-05-27-certificate-expired"},
    {"INC-2026-014", "postmortems/2026-03-04-checkout-outage"},
    {"INC-2025-088", "postmortems/2025-11-02-etcd-leader-election-storm"},
    {"inc 2026 047", "postmortems/2026-07-08-sso-outage"},
    {"INC-2026-052", "postmortems/2026-08-19-etl-stalled"},
    {"session-cache", "runbooks/redis/redis-memory-high"},
    {"coredns", "runbooks/edge/dns-resolution-failures"},
    {"auth-gateway", "runbooks/auth/sso-login-failures"},
    {"certficate expird", "runbooks/edge/tls-certificate-expiry"},
    {"kafka consumer lagg", "runbooks/kafka/consumer-lag"},
    {"pgbounce", "runbooks/postgres/connection-pool-exhausted"},
    {"prometheus rule failur", "runbooks/prometheus/prometheus-rule-failures"},
    {"airflow dag stuck", "runbooks/dataplatform/etl-pipeline-stuck"},
    {"leader election storm", "postmortems/2025-11-02-etcd-leader-election-storm"},
    {"lag kind:postmortem", "postmortems/2026-01-15-kafka-lag-black-friday"},
    {"etcd sev:SEV2", "postmortems/2025-11-02-etcd-leader-election-storm"},
    {"namensauflosung schlagt fehl", "runbooks/edge/dns-resolution-failures"},
    {"vendor export", "postmortems/2026-08-19-etl-stalled"},
};

std::string first_url(IndexSource& src, const std::string& q) {
  Results r = run_query(src, parse_query(q), 1);
  if (r.hits.empty()) return "";
  std::string u = src.doc(r.hits[0].doc).url;
  const std::string tail = "/index.html";
  if (u.size() > tail.size() && u.compare(u.size() - tail.size(), tail.size(), tail) == 0) u.resize(u.size() - tail.size());
  return u;
}

}  // namespace

TEST_CASE("relevance: the expected page comes first for each fixture query") {
  auto site = load_site_dir(std::filesystem::path(FB_FIXTURES_DIR) / "search");
  REQUIRE(site->docs.size() == 24);
  SearchIndex idx = site->index();
  MemoryIndex src(idx);
  REQUIRE(kExpectations.size() >= 30);
  size_t ok = 0;
  for (const auto& [query, want] : kExpectations) {
    std::string got = first_url(src, query);
    CHECK_MESSAGE(got == want, "query \"" << query << "\" returned " << got);
    ok += got == want;
  }
  MESSAGE(ok << " of " << kExpectations.size() << " fixture queries rank the expected page first");
}

TEST_CASE("relevance: each prometheus-operator alert name finds its own runbook first") {
  // The shared corpus sits beside the project (../shared/corpus); it is read in place, never copied.
  const auto corpus = std::filesystem::path(FB_SOURCE_DIR) / ".." / "shared" / "corpus" /
                      "prometheus-operator-runbooks" / "content" / "runbooks";
  if (!std::filesystem::is_directory(corpus)) {
    MESSAGE("skipped: " << corpus.string() << " is not present");
    return;
  }
  std::vector<std::pair<std::string, std::string>> files;
  std::vector<std::string> alerts;
  for (const auto& rel : list_files(corpus, {".md"})) {
    auto bytes = read_file(corpus / rel);
    REQUIRE(bytes);
    files.emplace_back("content/runbooks/" + rel, std::move(*bytes));
    std::string stem = std::filesystem::path(rel).stem().string();
    if (stem != "_index") alerts.push_back(stem);
  }
  auto site = make_site(std::move(files));
  SearchIndex idx = site->index();
  MemoryIndex src(idx);
  size_t typed = 0, finished = 0;
  for (const auto& alert : alerts) {
    const std::string suffix = "/" + alert;
    auto is_own = [&](const std::string& url) {
      return url.size() >= suffix.size() && url.compare(url.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    bool a = is_own(first_url(src, alert));        // still typing: the last word is also a prefix
    bool b = is_own(first_url(src, alert + " "));  // finished word
    CHECK_MESSAGE(a, alert);
    CHECK_MESSAGE(b, alert);
    typed += a;
    finished += b;
  }
  REQUIRE(alerts.size() > 100);
  MESSAGE("prometheus-operator runbooks: alert name ranks its runbook first for " << typed << "/" << alerts.size()
          << " (as typed) and " << finished << "/" << alerts.size() << " (finished word)");
}
