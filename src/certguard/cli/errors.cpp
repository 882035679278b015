#include "certguard/cli/errors.h"

#include <ostream>

#include "certguard/cli/global_options.h"

namespace certguard::cli {

int report_error(const Error& error, std::ostream& err) {
  err << "certguard: " << error.describe() << "\n";
  bool usage = error.kind == ErrorKind::kConfig ||
               (error.kind == ErrorKind::kInvalidInput && error.http_status == 0) ||
               (error.kind == ErrorKind::kCredentials && error.http_status == 0);
  return usage ? kExitUsageError : kExitRuntimeError;
}

}  // namespace certguard::cli
