// Note contents as JSON: the stored text of a note's content and the same shapes on the wire (docs/api.md
// "Sessions and notes"). Reading request bodies with field errors is in session_routes.cc; this file knows
// Boost.JSON only.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "care/sessions/session_model.h"

namespace stepwise::sessions {

boost::json::object GroupNoteJson(const GroupNoteContent& c);
GroupNoteContent GroupNoteFromJson(const boost::json::object& o);
// {format, sections:{key: text}, modality, delivery, objective_ids, intervention_ids, family_members, client_present}
boost::json::object SessionNoteJson(const SessionNoteContent& c);
SessionNoteContent SessionNoteFromJson(const boost::json::object& o);

std::string ToText(const boost::json::object& o);
boost::json::object ObjectFromText(std::string_view text);

}  // namespace stepwise::sessions
