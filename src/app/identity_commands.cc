#include "app/identity_commands.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/composition.h"

namespace stepwise::app {

struct IdentityCommands::Options {
  CLI::App* user = nullptr;
  CLI::App* user_add = nullptr;
  CLI::App* token = nullptr;
  CLI::App* token_create = nullptr;
  CLI::App* routes = nullptr;
  std::string db = "stepwise.db";
  std::string username, display_name, staff_id, token_name = "command line";
  std::vector<std::string> roles;
  bool emergency = false;
  int days = 30;
};

IdentityCommands::IdentityCommands(CLI::App& cli) : o_(std::make_unique<Options>()) {
  Options& o = *o_;
  o.user = cli.add_subcommand("user", "Manage user accounts");
  o.user->require_subcommand(1);
  o.user_add = o.user->add_subcommand(
      "add", "Create a user of the installation's organization; reads the password from standard input");
  o.user_add->add_option("--db", o.db, "SQLite file path or postgresql:// URL");
  o.user_add->add_option("--username", o.username, "Sign-in name: 3-64 of a-z 0-9 . _ -")->required();
  o.user_add->add_option("--display-name", o.display_name, "The name shown in the app")->required();
  o.user_add->add_option("--role", o.roles, "A role code of the access policy (repeat for several)")->required();
  o.user_add->add_option("--staff-id", o.staff_id, "Link the account to this staff record");
  o.user_add->add_flag("--emergency-access", o.emergency, "Designate the user for emergency (break-glass) access");

  o.token = cli.add_subcommand("token", "Manage personal API tokens");
  o.token->require_subcommand(1);
  o.token_create = o.token->add_subcommand("create", "Create an API token for a user and print it once");
  o.token_create->add_option("--db", o.db, "SQLite file path or postgresql:// URL");
  o.token_create->add_option("--username", o.username, "The user the token acts as")->required();
  o.token_create->add_option("--name", o.token_name, "What the token is for");
  o.token_create->add_option("--days", o.days, "Days until it expires (1-365)")->check(CLI::Range(1, 365));

  o.routes = cli.add_subcommand("routes", "Print the route table (method, path, permission) as JSON lines");
}

IdentityCommands::~IdentityCommands() = default;

bool IdentityCommands::parsed() const { return o_->user->parsed() || o_->token->parsed() || o_->routes->parsed(); }

int IdentityCommands::Run() {
  Options& o = *o_;
  if (o.routes->parsed()) {
    // The route table does not depend on data: build the app on a throwaway database.
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("stepwise-routes-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    int code = 0;
    {
      auto database = OpenAndMigrate((dir / "routes.db").string());
      if (!database.ok()) {
        code = Fail(database.error());
      } else {
        auto app = BuildApp(std::move(database).value());
        for (const auto& r : app->router.routes()) {
          std::cout << "{\"method\":\"" << http::MethodName(r.method) << "\",\"path\":\"" << r.pattern
                    << "\",\"permission\":\"" << r.permission << "\"}\n";
        }
      }
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    return code;
  }
  auto database = OpenAndMigrate(o.db);
  if (!database.ok()) return Fail(database.error());
  auto app = BuildApp(std::move(database).value());
  if (o.user_add->parsed()) {
    auto orgs = app->services->programs.ListOrganizations();
    if (!orgs.ok()) return Fail(orgs.error());
    if (orgs->empty())
      return Fail(Error::Conflict("create the organization first (the web app's first run, or stepwise demo)"));
    std::string password;
    if (isatty(0)) std::cerr << "Password for " << o.username << " (12-128 characters): ";
    std::getline(std::cin, password);
    security::NewUser u{o.username, o.display_name, password, o.roles, o.staff_id, o.emergency};
    auto user = app->services->identity.AddUserAsSystem(orgs->front().meta.id, std::move(u));
    if (!user.ok()) return Fail(user.error());
    std::cout << "user " << user->username << " created (" << user->meta.id << ")\n";
    return 0;
  }
  auto token = app->services->identity.CreateTokenAsSystem(o.username, o.token_name, o.days);
  if (!token.ok()) return Fail(token.error());
  std::cout << token->secret << "\n";
  std::cerr << "token " << token->token.id << " for " << o.username << " expires " << token->token.expires_at
            << "; it is shown only now\n";
  return 0;
}

}  // namespace stepwise::app
