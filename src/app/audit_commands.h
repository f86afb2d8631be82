// `stepwise audit verify` and `stepwise audit purge`: the audit trail from the command line.
#pragma once

#include <memory>

namespace CLI {
class App;
}

namespace stepwise::app {

// Registers the `audit` subcommand and its options on `cli`.
class AuditCommands {
 public:
  explicit AuditCommands(CLI::App& cli);
  ~AuditCommands();
  bool parsed() const;
  // Runs the chosen `audit` subcommand; returns the process exit code (3 for a broken chain).
  int Run();

 private:
  struct Options;
  std::unique_ptr<Options> o_;
};

}  // namespace stepwise::app
