#pragma once

// One entry point for `--output FORMAT`: picks the writer.

#include <optional>
#include <string>
#include <string_view>

#include "certguard/report/scan_report.h"
#include "certguard/report/table_writer.h"

namespace certguard::report {

enum class Format { kTable, kJson, kCsv, kAsff };

// "table", "json", "csv", "asff" (case-insensitive); nullopt otherwise.
std::optional<Format> parse_format(std::string_view name);
std::string_view to_string(Format format);

// `table_options` only matters for kTable.
std::string write_report(const ScanReport& report, Format format,
                         const TableOptions& table_options = {});

}  // namespace certguard::report
