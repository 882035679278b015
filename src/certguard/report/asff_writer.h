#pragma once

// AWS Security Finding Format (2018-10-08) for Security Hub's BatchImportFindings: a JSON
// array of AwsSecurityFinding objects (import in batches of up to 100).
//
// Mapping (see docs/report-json.md, "ASFF"):
//   FAIL           -> Compliance.Status FAILED,  Severity.Label = the rule's severity
//   SUPPRESSED     -> FAILED with Workflow.Status SUPPRESSED and the reason in Note
//   PASS           -> PASSED, Severity.Label INFORMATIONAL
//   ERROR          -> NOT_AVAILABLE (the check could not be performed), the rule's severity
//   NOT_APPLICABLE -> not exported (nothing to import)
// Id is "certguard/<rule>/<resource ARN>" (stable across scans, so re-imports update);
// ProductArn arn:<partition>:securityhub:<region>:<account>:product/<account>/default.

#include <string>

#include "certguard/report/scan_report.h"

namespace certguard::report {

std::string write_asff(const ScanReport& report);

}  // namespace certguard::report
