#pragma once
// A small but complete site used by several render tests: two runbooks (one in a service folder, one
// overdue for review), a Markdown PIR and a YAML PIR, cross-linked, with an external link in content.
#include <doctest/doctest.h>

#include "fixture.h"

namespace fbtest {

inline const char* kPoolRunbook = R"(---
title: Connection pool exhausted
service: orders-db
owner: team-data
severity: SEV2
alerts: [PoolExhausted, TooManyConnections]
tags: [postgres, database]
dependencies: [pgbouncer, checkout]
last_reviewed: 2026-10-01
related: [disk-full, no-such-runbook]
escalation:
  - level: 1
    contact: "@data-oncall"
    after: 15m
---
## Symptoms

Requests time out. See the [outage review](../../postmortems/2026-03-04-outage.md#timeline)
and the [vendor docs](https://example.com/pgbouncer).

## Diagnosis

```bash
psql -c 'SHOW POOLS;'
```

## Mitigation

Raise the pool.

## Escalation

Page the lead.
)";

inline const char* kDiskRunbook = R"(---
title: Disk full
service: storage
owner: team-infra
severity: SEV3
alerts: [DiskFull, PoolExhausted]
tags: [disk]
last_reviewed: 2025-01-01
---
## Symptoms

Writes fail.
)";

inline const char* kOutagePir = R"(---
title: Checkout outage
incident_id: INC-2026-014
severity: SEV1
status: published
services: [checkout, orders-db]
started_at: 2026-03-04T13:52:00Z
detected_at: 2026-03-04T13:55:00Z
acknowledged_at: 2026-03-04T14:01:00Z
mitigated_at: 2026-03-04T14:19:00Z
resolved_at: 2026-03-04T15:30:00Z
published_at: 2026-03-07T10:00:00Z
users_impacted: 18400
authors: [Jane Doe]
root_cause:
  category: capacity
  summary: The pool was too small.
contributing_factors: ["No alert on utilisation"]
tags: [postgres]
alerts: [PoolExhausted]
runbooks: [pool]
timeline:
  - at: 2026-03-04T13:52:00Z
    event: Deploy starts
    action: ""
    by: deploy bot
  - at: 2026-03-05T09:00:00Z
    event: Follow-up
    action: Reviewed
    by: Jane Doe
action_items:
  - id: AI-1
    title: Raise the pool size
    owner: priya
    due: 2026-03-11
    priority: high
    status: done
    completed_at: 2026-03-10
  - id: AI-2
    title: Alert at 80 percent
    owner: tomas
    due: 2026-04-01
    priority: high
    status: open
---
## Summary

The pool ran out. The [runbook](../runbooks/db/pool.md) helped.
)";

inline const char* kDataPir = R"(title: Stalled ETL
incident_id: INC-2026-071
severity: SEV3
status: draft
services: [warehouse]
started_at: 2026-08-19T02:00:00Z
resolved_at: 2026-08-19T10:54:00Z
runbooks: [disk-full]
)";

/// Adds the four documents to `site` (call load() afterwards).
inline TestSite& add_sample(TestSite& site) {
  site.add("content/runbooks/db/pool.md", kPoolRunbook)
      .add("content/runbooks/disk-full.md", kDiskRunbook)
      .add("content/postmortems/2026-03-04-outage.md", kOutagePir)
      .add("content/postmortems/2026-08-19-etl.yaml", kDataPir);
  return site;
}

/// The sample site rendered with `site_dir`'s layouts/ and assets/ overrides, by output path; the
/// render must report no errors.
inline std::map<std::string, std::string> render_sample(const std::filesystem::path& site_dir) {
  TestSite site;
  site.site_dir = site_dir;
  add_sample(site).load();
  auto r = site.render();
  CHECK_FALSE(r.diags.has_errors());
  return by_path(r);
}

}  // namespace fbtest
