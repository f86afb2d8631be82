// The `stepwise` command line: serve, migrate, demo, backup, restore, version.
#pragma once

#include "platform/base/result.h"

namespace stepwise::app {

// Prints `error` (and its field errors) to stderr as "stepwise: …"; returns the exit code: 2 for bad
// input, 1 otherwise. Shared by every subcommand.
int Fail(const Error& error);

// Parses argv and runs the chosen subcommand; returns the process exit code.
int RunCommandLine(int argc, char** argv, char** envp);

}  // namespace stepwise::app
