#pragma once

// The human report: findings grouped by account and region (each group headed by its
// collection status), columns STATUS, SEVERITY, RULE, RESOURCE, MESSAGE, then a summary
// line. With color, severities and statuses use ANSI colors (for terminals only).

#include <string>

#include "certguard/report/scan_report.h"

namespace certguard::report {

struct TableOptions {
  bool color = false;
};

std::string write_table(const ScanReport& report, const TableOptions& options = {});

// "Summary: 2 FAIL (1 critical, 1 high), 1 ERROR, 5 PASS, ... across 2 account(s), ..."
std::string summary_line(const ScanReport& report);

}  // namespace certguard::report
