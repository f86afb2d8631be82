// HTTP routes of program set-up and staff (JSON in and out; the services do the work).
#pragma once

#include "care/program/program_service.h"
#include "care/program/staff_service.h"
#include "platform/http/router.h"

namespace stepwise::program {

void AddProgramRoutes(http::Router& router, ProgramService& service);
void AddStaffRoutes(http::Router& router, StaffService& service);

}  // namespace stepwise::program
