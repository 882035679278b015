#pragma once

// The Estate's JSON form (docs/estate-format.md): the file the scanner writes with
// `--snapshot-out` and certguard-sim loads with `--estate`.
//
// Parsing is strict: unknown keys, wrong types and malformed values are errors naming
// the source and the JSON path, e.g.
//   "estate.json: accounts[1].regions[0].rest_apis[3].stages[0].client_certificate_id:
//    expected string, got number".
// Times are epoch seconds (integers); hand-written files may use ISO-8601 strings.
// to_json writes integers only and omits fields that hold their default, so
// parse_estate(to_json(e)) == e for every estate.

#include <filesystem>
#include <string>
#include <string_view>

#include "certguard/core/result.h"
#include "certguard/inventory/estate/estate.h"

namespace certguard::inventory {

// Errors: kParse (syntax error with line:column, or a schema error with the JSON path);
// Error::resource is `source_name` (a file path, "<stdin>", "PUT /_sim/estate", ...).
Result<Estate> parse_estate(std::string_view json, std::string_view source_name);

// Pretty-printed (2-space indent) with a trailing newline; keys in a fixed order.
std::string to_json(const Estate& estate);

// Reads and parses a file. Errors: kNotFound when it does not exist, kConfig when it
// cannot be read, kParse as parse_estate (source name = the path).
Result<Estate> load_estate_file(const std::filesystem::path& path);

// Crash-safe write: a temporary file in the same directory, fsync, then rename over
// `path`, so readers see the old file or the new one, never a partial one.
// Errors: kConfig naming the path and the OS error.
Status save_estate_file(const std::filesystem::path& path, const Estate& estate);

// "ok", "error", "not_scanned" (the JSON spelling of ScanState).
std::string_view to_string(ScanState state);

}  // namespace certguard::inventory
