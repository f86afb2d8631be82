// UUIDv7 ids (RFC 9562): 48-bit Unix milliseconds, then random bits; time-ordered, safe to expose.
// Thread-safe: each thread has its own generator.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace stepwise {

// A new UUIDv7 in canonical lowercase form, e.g. "01890a5d-ac96-774b-bcce-b302099a8057".
// Ids made by one thread are strictly increasing, even within one millisecond.
std::string NewUuidV7();
std::string NewUuidV7(std::chrono::system_clock::time_point now);

// True for a canonical lowercase or uppercase UUID of any version (8-4-4-4-12 hex digits).
bool IsUuid(std::string_view text);

}  // namespace stepwise
