#include "certguard/cli/remediation_output.h"

#include <ostream>

namespace certguard::cli {

void print_apply_result(const remediate::ApplyReport& report, nlohmann::json doc, bool json,
                        std::ostream& out) {
  if (json) {
    doc["result"] = remediate::to_json(report);
    out << doc.dump(2) << "\n";
  } else {
    out << remediate::format_report_table(report);
  }
}

}  // namespace certguard::cli
