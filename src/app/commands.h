// The `stepwise` command line: serve, migrate, demo, backup, restore, version.
#pragma once

namespace stepwise::app {

// Parses argv and runs the chosen subcommand; returns the process exit code.
int RunCommandLine(int argc, char** argv, char** envp);

}  // namespace stepwise::app
