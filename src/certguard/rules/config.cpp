#include "certguard/rules/config.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "certguard/rules/catalog.h"

namespace certguard::rules {
namespace {

// Collects the first error with the location of the node it concerns.
class Ctx {
 public:
  explicit Ctx(std::string_view source) : source_(source) {}
  [[nodiscard]] bool failed() const { return error_.has_value(); }
  void fail(const YAML::Node& at, const std::string& path, std::string_view what) {
    if (error_) return;
    Error e = make_error(ErrorKind::kConfig, fmt::format("{}: {}", path, what));
    e.operation = "read rule config";
    e.resource = location(at.Mark());
    error_ = std::move(e);
  }
  [[nodiscard]] std::string location(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.line < 0) return std::string(source_);
    return fmt::format("{}:{}:{}", source_, mark.line + 1, mark.column + 1);
  }
  [[nodiscard]] std::string origin(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.line < 0) return std::string(source_);
    return fmt::format("{}:{}", source_, mark.line + 1);
  }
  std::optional<Error>& error() { return error_; }

 private:
  std::string_view source_;
  std::optional<Error> error_;
};

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string kind_of(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return fmt::format("\"{}\"", n.Scalar());
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return "nothing";
  }
  return "nothing";
}

bool read_string(Ctx& ctx, const YAML::Node& n, const std::string& path, std::string& out) {
  if (!n.IsScalar()) {
    ctx.fail(n, path, fmt::format("expected a string, got {}", kind_of(n)));
    return false;
  }
  out = n.Scalar();
  return true;
}

void read_bool(Ctx& ctx, const YAML::Node& n, const std::string& path, bool& out) {
  if (!n.IsScalar() || !YAML::convert<bool>::decode(n, out)) {
    ctx.fail(n, path, fmt::format("expected true or false, got {}", kind_of(n)));
  }
}

void read_days(Ctx& ctx, const YAML::Node& n, const std::string& path, std::optional<int>& out) {
  int v = 0;
  if (!n.IsScalar() || !YAML::convert<int>::decode(n, v) || v < 0 || v > 100000) {
    ctx.fail(n, path, fmt::format("expected a number of days (0 to 100000), got {}", kind_of(n)));
    return;
  }
  out = v;
}

void read_rule_settings(Ctx& ctx, const YAML::Node& n, const std::string& path, const Rule& rule,
                        RuleSettings& out) {
  if (!n.IsMap()) {
    return ctx.fail(n, path, fmt::format("expected a mapping of settings, got {}", kind_of(n)));
  }
  std::vector<std::string> allowed = {"enabled", "severity"};
  allowed.insert(allowed.end(), rule.metadata.parameters.begin(), rule.metadata.parameters.end());
  for (const auto& kv : n) {
    if (ctx.failed()) return;
    const std::string key = kv.first.Scalar();
    const std::string key_path = fmt::format("{}.{}", path, key);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      ctx.fail(
          kv.first, key_path,
          fmt::format("unknown setting for {} (allowed: {})", rule.metadata.id, join(allowed)));
    } else if (key == "enabled") {
      read_bool(ctx, kv.second, key_path, out.enabled);
    } else if (key == "severity") {
      std::string s;
      if (!read_string(ctx, kv.second, key_path, s)) return;
      out.severity = parse_severity(s);
      if (!out.severity) {
        ctx.fail(
            kv.second, key_path,
            fmt::format("expected critical, high, medium, low or informational, got \"{}\"", s));
      }
    } else if (key == "expiry_days") {
      read_days(ctx, kv.second, key_path, out.expiry_days);
    } else if (key == "max_upload_age_days") {
      read_days(ctx, kv.second, key_path, out.max_upload_age_days);
    }
  }
}

void read_rules(Ctx& ctx, const YAML::Node& n, RuleConfig& out) {
  if (n.IsNull()) return;
  if (!n.IsMap()) {
    return ctx.fail(n, "rules", fmt::format("expected a mapping of rule ids, got {}", kind_of(n)));
  }
  for (const auto& kv : n) {
    if (ctx.failed()) return;
    const std::string id = kv.first.Scalar();
    const std::string path = fmt::format("rules.{}", id);
    auto rule = find_rule(id);
    if (!rule) {
      return ctx.fail(kv.first, path, "unknown rule id (see `certguard rules`)");
    }
    read_rule_settings(ctx, kv.second, path, *rule, out.rules[id]);
  }
}

void read_suppression(Ctx& ctx, const YAML::Node& n, const std::string& path, Suppression& out) {
  if (!n.IsMap()) {
    return ctx.fail(n, path, fmt::format("expected a mapping, got {}", kind_of(n)));
  }
  out.origin = ctx.origin(n.Mark());
  for (const auto& kv : n) {
    if (ctx.failed()) return;
    const std::string key = kv.first.Scalar();
    const std::string key_path = fmt::format("{}.{}", path, key);
    std::string* target = nullptr;
    if (key == "rule") {
      target = &out.rule;
    } else if (key == "resource") {
      target = &out.resource;
    } else if (key == "account") {
      target = &out.account;
    } else if (key == "region") {
      target = &out.region;
    } else if (key == "reason") {
      target = &out.reason;
    } else {
      return ctx.fail(kv.first, key_path,
                      "unknown key (allowed: rule, resource, account, region, reason)");
    }
    if (!read_string(ctx, kv.second, key_path, *target)) return;
  }
  if (out.rule.empty()) return ctx.fail(n, path + ".rule", "missing: a rule id or \"*\"");
  if (out.rule != "*" && !find_rule(out.rule)) {
    return ctx.fail(n, path + ".rule",
                    fmt::format("unknown rule id \"{}\" (see `certguard rules`)", out.rule));
  }
  if (out.reason.empty()) {
    return ctx.fail(n, path + ".reason", "missing: say why this finding is accepted");
  }
}

void read_suppressions(Ctx& ctx, const YAML::Node& n, RuleConfig& out) {
  if (n.IsNull()) return;
  if (!n.IsSequence()) {
    return ctx.fail(n, "suppressions", fmt::format("expected a list, got {}", kind_of(n)));
  }
  for (std::size_t i = 0; i < n.size() && !ctx.failed(); ++i) {
    Suppression s;
    read_suppression(ctx, n[i], fmt::format("suppressions[{}]", i), s);
    out.suppressions.push_back(std::move(s));
  }
}

}  // namespace

Result<RuleConfig> parse_rule_config(std::string_view yaml, std::string_view source_name) {
  Ctx ctx(source_name);
  RuleConfig config;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml));
    if (root.IsNull()) return config;  // an empty file configures nothing
    if (!root.IsMap()) {
      ctx.fail(root, "(top level)", fmt::format("expected a mapping, got {}", kind_of(root)));
    }
    for (auto it = root.begin(); !ctx.failed() && root.IsMap() && it != root.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (key == "rules") {
        read_rules(ctx, it->second, config);
      } else if (key == "suppressions") {
        read_suppressions(ctx, it->second, config);
      } else {
        ctx.fail(it->first, key, "unknown key (allowed: rules, suppressions)");
      }
    }
  } catch (const YAML::Exception& e) {
    // yaml-cpp reports syntax errors only by throwing; they end here as values.
    Error err = make_error(ErrorKind::kConfig, e.msg);
    err.operation = "read rule config";
    err.resource = ctx.location(e.mark);
    return err;
  }
  if (ctx.failed()) return std::move(*ctx.error());
  return config;
}

Result<RuleConfig> load_rule_config_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    Error e = make_error(exists ? ErrorKind::kConfig : ErrorKind::kNotFound,
                         exists ? "cannot read the file; check its permissions"
                                : "file does not exist; check the path");
    e.operation = "read rule config";
    e.resource = path.string();
    return e;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_rule_config(buf.str(), path.string());
}

}  // namespace certguard::rules
