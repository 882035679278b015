#pragma once

// The JSON report (docs/report-json.md): {"schema_version": 1, "scan": {...},
// "findings": [...]}. Times are ISO-8601 UTC strings.

#include <iosfwd>
#include <string>

#include "certguard/report/scan_report.h"

namespace certguard::report {

inline constexpr int kReportSchemaVersion = 1;

// Pretty-printed (2-space indent), trailing newline, keys in documented order.
std::string write_json(const ScanReport& report);

// The same text written to `out` one finding at a time, so a report of a large estate
// never exists as one JSON document (or one string) in memory. Check `out` for errors.
void write_json(const ScanReport& report, std::ostream& out);

}  // namespace certguard::report
