#include "certguard/rules/finding.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace certguard::rules {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

constexpr std::array<Status, 5> kStatuses = {Status::kFail, Status::kPass, Status::kNotApplicable,
                                             Status::kError, Status::kSuppressed};
constexpr std::array<Severity, 5> kSeverities = {Severity::kCritical, Severity::kHigh,
                                                 Severity::kMedium, Severity::kLow,
                                                 Severity::kInformational};

}  // namespace

std::string_view to_string(Status status) {
  switch (status) {
    case Status::kFail:
      return "FAIL";
    case Status::kPass:
      return "PASS";
    case Status::kNotApplicable:
      return "NOT_APPLICABLE";
    case Status::kError:
      return "ERROR";
    case Status::kSuppressed:
      return "SUPPRESSED";
  }
  return "ERROR";
}

std::optional<Status> parse_status(std::string_view text) {
  for (Status s : kStatuses) {
    if (iequals(text, to_string(s))) return s;
  }
  return std::nullopt;
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::kCritical:
      return "critical";
    case Severity::kHigh:
      return "high";
    case Severity::kMedium:
      return "medium";
    case Severity::kLow:
      return "low";
    case Severity::kInformational:
      return "informational";
  }
  return "informational";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (Severity s : kSeverities) {
    if (iequals(text, to_string(s))) return s;
  }
  return std::nullopt;
}

int severity_rank(Severity severity) {
  switch (severity) {
    case Severity::kCritical:
      return 4;
    case Severity::kHigh:
      return 3;
    case Severity::kMedium:
      return 2;
    case Severity::kLow:
      return 1;
    case Severity::kInformational:
      return 0;
  }
  return 0;
}

}  // namespace certguard::rules
