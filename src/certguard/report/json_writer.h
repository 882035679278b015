#pragma once

// The JSON report (docs/report-json.md): {"schema_version": 1, "scan": {...},
// "findings": [...]}. Times are ISO-8601 UTC strings.

#include <string>

#include "certguard/report/scan_report.h"

namespace certguard::report {

inline constexpr int kReportSchemaVersion = 1;

// Pretty-printed (2-space indent), trailing newline, keys in documented order.
std::string write_json(const ScanReport& report);

}  // namespace certguard::report
