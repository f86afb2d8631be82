// Random optimizer instances shared by the tests (small, exact comparison with CBC) and bench/scheduling_bench.cc
// (a program of realistic size). Deterministic for a seed.
#pragma once

#include "care/scheduling/optimizer.h"

namespace stepwise::scheduling::testing {

// A program week: Mon–Fri 07:00–21:00 and Sat 08:00–14:00; a morning track (Mon/Wed/Fri 09:00–12:00) and an
// evening track (Tue/Thu 18:00–21:00, Sat 09:00–12:00). Morning clients are mostly free in the day, evening
// clients mostly work 08:00–17:00. Clinicians work day, middle or late shifts, 85% licensed, facilitate groups
// and have a weekly limit. Every client has a weekly individual session (45 or 60 min); a share also a family
// session (60–90 min, a family room) this week; a share is telehealth. Each request allows the client's
// usual clinician and `alternates` others of the same team. Rooms: offices (capacity 2) and family rooms
// (capacity 6), open the program's hours (rooms of one capacity share their windows, which is what lets the
// CBC model count rooms per slot). A few requests are pinned at non-conflicting places.
struct ProgramOptions {
  int clients = 1000, clinicians = 60, rooms = 20;
  unsigned seed = 1;
  double family_share = 0.3, telehealth_share = 0.25, pinned_share = 0.03, last_week_share = 0.6;
  int alternates = 2;
};
optimize::Problem GenerateProgram(const ProgramOptions&);

// A small tight instance (two days of six hours, a handful of clients, 2–3 clinicians, 1–2 rooms of different
// capacity, random windows, sometimes a minimum gap, a pinned request and a limit on a clinician's sessions)
// where demand exceeds what fits, so the number placed is decided by the search, not by the demand.
optimize::Problem GenerateSmall(unsigned seed);

}  // namespace stepwise::scheduling::testing
