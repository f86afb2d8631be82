// Configuration of `serve`: flags, then STEPWISE_* environment variables, then an optional config file
// (key = value lines), then defaults. Unknown keys and bad values are errors that name the key.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "platform/base/result.h"

namespace stepwise::app {

struct ServeConfig {
  std::string listen = "127.0.0.1:8080";
  std::string db = "stepwise.db";
  std::string web_root;      // "" = look for web/dist beside the working directory
  int io_threads = 0;        // 0 = one per core
  int handler_threads = -1;  // -1 = 0 for SQLite, 8 for PostgreSQL
  long body_limit = 1 << 20;
  int request_timeout_ms = 30000;
  std::string log_level = "info";
  std::string log_file;
  std::string policy;             // access policy file; "" = the compiled-in config/policy.txt
  std::string instruments;        // folder of instrument definitions (*.json) adding to or replacing the shipped ones
  std::string level_of_care;      // level-of-care policy file; "" = the compiled-in config/level_of_care.txt
  std::string treatment_plans;    // treatment-plan settings (JSON); "" = the compiled-in config/treatment_plans.json
  int idle_timeout_minutes = 15;  // 1-15; an organization may set it lower
  bool behind_proxy = false;      // a TLS-terminating reverse proxy in front (trust X-Forwarded-*)
  std::string tls_cert;           // PEM certificate chain: serve HTTPS (with tls_key)
  std::string tls_key;            // PEM private key of tls_cert

  std::string host;  // parsed from listen
  unsigned short port = 8080;
};

// Every key, as spelled in the file; the flag is --key-with-dashes, the variable STEPWISE_KEY.
const std::map<std::string, std::string>& ConfigKeys();  // key -> help text

// `flags` holds the keys given on the command line. `environ` is the process environment.
Result<ServeConfig> ResolveConfig(const std::map<std::string, std::string>& flags, const std::string& config_file,
                                  char** environ_vars);

// Parses "host:port"; rejects anything else.
Status ParseListen(const std::string& listen, std::string& host, unsigned short& port);
bool IsLoopback(const std::string& host);

}  // namespace stepwise::app
