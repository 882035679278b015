#pragma once

#include <iosfwd>

#include "certguard/core/error.h"

namespace certguard::cli {

// Prints "certguard: <error>" on one line and returns the exit code for it: 2 for
// configuration and usage problems (kConfig, kInvalidInput raised before any call,
// kCredentials when nothing is configured), 1 for everything else.
int report_error(const Error& error, std::ostream& err);

}  // namespace certguard::cli
