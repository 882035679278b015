#pragma once

// CSV (RFC 4180): a header row, one row per finding, CRLF line ends, fields quoted when
// they hold a comma, a double quote, CR or LF (quotes doubled). Columns: account, region,
// rule_id, status, severity, resource_type, resource_arn, resource_name, message,
// details ("key=value; ..."), remediation, references ("; "), suppression_reason.

#include <string>
#include <string_view>

#include "certguard/report/scan_report.h"

namespace certguard::report {

std::string write_csv(const ScanReport& report);

// One RFC 4180 field.
std::string csv_field(std::string_view value);

}  // namespace certguard::report
