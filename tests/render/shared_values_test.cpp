// Values built once and shared by many pages (severity badges, term links, table rows, folded
// template text) look to templates exactly like values built per page, and site overrides of the
// templates that render them still take effect.
#include <doctest/doctest.h>

#include "sample_site.h"

TEST_CASE("a site override of a row partial takes effect on every list that shows the rows") {
  std::filesystem::path site_dir = fbtest::temp_dir("row-partial-override");
  fb::write_file(site_dir / "layouts/partials/runbook_table.mustache",
                 "<ol>{{#runbooks}}<li>ROW {{title}} {{#severity}}{{id}}{{/severity}} {{root}}{{url}}</li>{{/runbooks}}</ol>");
  fb::write_file(site_dir / "layouts/partials/incident_table.mustache",
                 "<ol>{{#incidents}}<li>PIR {{incident_id}} {{severity.rank}}</li>{{/incidents}}</ol>");
  auto files = fbtest::render_sample(site_dir);
  const std::string& list = files["runbooks/index.html"];
  CHECK(list.find("<li>ROW Connection pool exhausted SEV2 ../runbooks/db/pool/index.html</li>") != std::string::npos);
  CHECK(list.find("<table") == std::string::npos);
  // The same row on a page two levels down: its own root, the overridden partial.
  const std::string& service = files["services/orders-db/index.html"];
  CHECK(service.find("<li>ROW Connection pool exhausted SEV2 ../../runbooks/db/pool/index.html</li>") !=
        std::string::npos);
  CHECK(service.find("<li>PIR INC-2026-014 0</li>") != std::string::npos);
  CHECK(files["postmortems/index.html"].find("<li>PIR INC-2026-071 2</li>") != std::string::npos);
}

TEST_CASE("shared severities and term links behave like page values: sections, dotted names, outer values") {
  std::filesystem::path site_dir = fbtest::temp_dir("shared-values");
  fb::write_file(site_dir / "layouts/runbook.mustache",
                 "[{{#severity}}{{id}} {{label}} {{written}} {{page_title}}{{/severity}}]"
                 "[{{severity.rank}}|{{severity.slug}}]"
                 "[{{^severity}}none{{/severity}}]"
                 "[{{#owner}}{{name}} {{root}}{{url}} {{linked}}{{/owner}}]"
                 "[{{#tags}}<{{name}} {{#linked}}{{url}}{{/linked}}>{{/tags}}]"
                 "[{{#dependencies}}({{name}}:{{#linked}}yes{{/linked}}{{^linked}}no{{/linked}}){{/dependencies}}]");
  fb::write_file(site_dir / "layouts/postmortem.mustache",
                 "{{#action_items}}[{{id}} {{#owner}}{{name}}@{{root}}{{url}} in {{incident_id}}{{/owner}}]{{/action_items}}"
                 "{{#services}}<{{name}}>{{/services}}{{#severity}}{{id}}{{/severity}}");
  auto files = fbtest::render_sample(site_dir);
  CHECK(files["runbooks/db/pool/index.html"] ==
        "[SEV2 High SEV2 Connection pool exhausted][1|sev2][]"
        "[team-data ../../../owners/team-data/index.html ]"
        "[<postgres tags/postgres/index.html><database tags/database/index.html>]"
        "[(pgbouncer:no)(checkout:yes)]");
  CHECK(files["postmortems/2026-03-04-outage/index.html"] ==
        "[AI-1 priya@../../owners/priya/index.html in INC-2026-014][AI-2 tomas@../../owners/tomas/index.html in "
        "INC-2026-014]<checkout><orders-db>SEV1");
}
