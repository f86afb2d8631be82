#include "app/config.h"

#include <charconv>
#include <fstream>
#include <string_view>

namespace stepwise::app {

const std::map<std::string, std::string>& ConfigKeys() {
  static const std::map<std::string, std::string> k = {
      {"listen", "address:port to listen on (beyond loopback only with tls_cert/tls_key or behind_proxy)"},
      {"db", "SQLite file path or postgresql:// URL"},
      {"web_root", "folder holding the built web app (web/dist)"},
      {"io_threads", "I/O threads (0 = one per core)"},
      {"handler_threads", "worker threads for handlers (0 = run on I/O threads; default 16)"},
      {"body_limit", "largest request body in bytes"},
      {"request_timeout_ms", "time allowed to receive one request, in milliseconds"},
      {"log_level", "debug, info, warn or error"},
      {"log_file", "append logs to this file instead of stderr"},
      {"policy", "access policy file (default: the built-in config/policy.txt)"},
      {"instruments", "folder of instrument definitions (*.json) that add to or replace the built-in ones"},
      {"level_of_care", "level-of-care policy file (default: the built-in config/level_of_care.txt, an example)"},
      {"treatment_plans", "treatment-plan settings file (default: the built-in config/treatment_plans.json)"},
      {"idle_timeout_minutes", "sign users out after this many idle minutes (1-15)"},
      {"behind_proxy", "true when a TLS-terminating reverse proxy forwards to this server (see docs/operations.md)"},
      {"tls_cert", "PEM certificate chain file; with tls_key, serve HTTPS (TLS 1.2+) instead of plain HTTP"},
      {"tls_key", "PEM private key file of tls_cert (unencrypted; readable only by the service user)"},
  };
  return k;
}

namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

Result<std::map<std::string, std::string>> ReadFile(const std::string& path) {
  std::map<std::string, std::string> out;
  if (path.empty()) return out;
  std::ifstream in(path);
  if (!in) return Error::Field("config", "cannot read the config file " + path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string t = Trim(line);
    if (t.empty() || t.front() == '#') continue;
    auto eq = t.find('=');
    if (eq == std::string::npos) {
      return Error::Field("config", path + ":" + std::to_string(number) + ": expected key = value");
    }
    std::string key = Trim(t.substr(0, eq));
    std::string value = Trim(t.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (!ConfigKeys().contains(key)) {
      return Error::Field(key, path + ":" + std::to_string(number) + ": unknown configuration key '" + key + "'");
    }
    out[key] = value;
  }
  return out;
}

Result<std::map<std::string, std::string>> ReadEnvironment(char** env) {
  std::map<std::string, std::string> out;
  for (char** e = env; e && *e; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with("STEPWISE_")) continue;
    auto eq = kv.find('=');
    std::string name(kv.substr(0, eq));
    // Names used by the project's own scripts and tests, not configuration of `serve`.
    if (name == "STEPWISE_CONFIG" || name == "STEPWISE_BIN" || name == "STEPWISE_URL" || name == "STEPWISE_DEMO_DB" ||
        name.starts_with("STEPWISE_TEST_")) {
      continue;
    }
    std::string key;
    for (char c : name.substr(9)) key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (!ConfigKeys().contains(key)) return Error::Field(key, "unknown environment variable " + name);
    out[key] = eq == std::string_view::npos ? "" : std::string(kv.substr(eq + 1));
  }
  return out;
}

bool ToInt(const std::string& s, long min, long max, long& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && out >= min && out <= max;
}

}  // namespace

Status ParseListen(const std::string& listen, std::string& host, unsigned short& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return Error::Field("listen", "must be host:port, e.g. 127.0.0.1:8080");
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  long p = 0;
  if (!ToInt(listen.substr(colon + 1), 0, 65535, p)) return Error::Field("listen", "has a port that is not 0-65535");
  port = static_cast<unsigned short>(p);
  return Ok();
}

bool IsLoopback(const std::string& host) { return host == "localhost" || host == "::1" || host.starts_with("127."); }

Result<ServeConfig> ResolveConfig(const std::map<std::string, std::string>& flags, const std::string& config_file,
                                  char** environ_vars) {
  SW_ASSIGN(auto file, ReadFile(config_file));
  SW_ASSIGN(auto env, ReadEnvironment(environ_vars));
  auto value = [&](const std::string& key) -> std::optional<std::string> {
    if (auto it = flags.find(key); it != flags.end()) return it->second;
    if (auto it = env.find(key); it != env.end()) return it->second;
    if (auto it = file.find(key); it != file.end()) return it->second;
    return std::nullopt;
  };
  ServeConfig c;
  FieldErrors errors;
  auto integer = [&](const std::string& key, long min, long max, auto& out) {
    if (auto v = value(key)) {
      long n = 0;
      if (!ToInt(*v, min, max, n)) {
        errors.Add(key, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      } else {
        out = static_cast<std::remove_reference_t<decltype(out)>>(n);
      }
    }
  };
  if (auto v = value("listen")) c.listen = *v;
  if (auto v = value("db")) c.db = *v;
  if (auto v = value("web_root")) c.web_root = *v;
  if (auto v = value("log_file")) c.log_file = *v;
  if (auto v = value("log_level")) {
    if (*v != "debug" && *v != "info" && *v != "warn" && *v != "error") {
      errors.Add("log_level", "must be debug, info, warn or error");
    } else {
      c.log_level = *v;
    }
  }
  if (auto v = value("policy")) c.policy = *v;
  if (auto v = value("instruments")) c.instruments = *v;
  if (auto v = value("level_of_care")) c.level_of_care = *v;
  if (auto v = value("treatment_plans")) c.treatment_plans = *v;
  if (auto v = value("behind_proxy")) {
    if (*v == "true" || *v == "1" || v->empty()) {
      c.behind_proxy = true;
    } else if (*v == "false" || *v == "0") {
      c.behind_proxy = false;
    } else {
      errors.Add("behind_proxy", "must be true or false");
    }
  }
  if (auto v = value("tls_cert")) c.tls_cert = *v;
  if (auto v = value("tls_key")) c.tls_key = *v;
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    if (c.tls_key.empty()) errors.Add("tls_key", "is required with tls_cert (give both, or neither)");
    if (c.tls_cert.empty()) errors.Add("tls_cert", "is required with tls_key (give both, or neither)");
  }
  integer("idle_timeout_minutes", 1, 15, c.idle_timeout_minutes);
  integer("io_threads", 0, 256, c.io_threads);
  integer("handler_threads", 0, 1024, c.handler_threads);
  integer("body_limit", 1024, 64L << 20, c.body_limit);
  integer("request_timeout_ms", 100, 600000, c.request_timeout_ms);
  if (c.db.empty()) errors.Add("db", "must name a SQLite file or a postgresql:// URL");
  auto listen = ParseListen(c.listen, c.host, c.port);
  if (!listen.ok())
    errors.Add("listen", listen.error().fields.empty() ? listen.error().message : listen.error().fields[0].message);
  if (!errors.empty()) return errors.ToError("invalid configuration");
  return c;
}

}  // namespace stepwise::app
