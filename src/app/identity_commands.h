// `stepwise user add`, `stepwise token create` and `stepwise routes`: accounts and the route table
// from the command line. Passwords are read from standard input, never from flags (flags show in `ps`).
#pragma once

#include <memory>

namespace CLI {
class App;
}

namespace stepwise::app {

class IdentityCommands {
 public:
  explicit IdentityCommands(CLI::App& cli);
  ~IdentityCommands();
  bool parsed() const;
  // Runs the chosen subcommand; returns the process exit code.
  int Run();

 private:
  struct Options;
  std::unique_ptr<Options> o_;
};

}  // namespace stepwise::app
