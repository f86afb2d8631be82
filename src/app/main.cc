// stepwise: the single binary. Everything is wired in app/composition.cc.
#include "app/commands.h"

int main(int argc, char** argv, char** envp) { return stepwise::app::RunCommandLine(argc, argv, envp); }
