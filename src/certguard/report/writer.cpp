#include "certguard/report/writer.h"

#include <cctype>

#include "certguard/report/asff_writer.h"
#include "certguard/report/csv_writer.h"
#include "certguard/report/json_writer.h"

namespace certguard::report {

std::optional<Format> parse_format(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (Format f : {Format::kTable, Format::kJson, Format::kCsv, Format::kAsff}) {
    if (lower == to_string(f)) return f;
  }
  return std::nullopt;
}

std::string_view to_string(Format format) {
  switch (format) {
    case Format::kTable:
      return "table";
    case Format::kJson:
      return "json";
    case Format::kCsv:
      return "csv";
    case Format::kAsff:
      return "asff";
  }
  return "table";
}

std::string write_report(const ScanReport& report, Format format,
                         const TableOptions& table_options) {
  switch (format) {
    case Format::kTable:
      return write_table(report, table_options);
    case Format::kJson:
      return write_json(report);
    case Format::kCsv:
      return write_csv(report);
    case Format::kAsff:
      return write_asff(report);
  }
  return write_table(report, table_options);
}

}  // namespace certguard::report
