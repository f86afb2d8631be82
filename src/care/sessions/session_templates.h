// Starting texts for an attendee's group note, offered by the roll-call screen (the facilitator edits them;
// nothing is saved until they do). Pure data; a program-specific list is future work.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stepwise::sessions {

struct NoteTemplate {
  std::string code, label;
  std::vector<std::string> group_types;  // empty = every group type
  std::string participation, mood_affect, text;
};

// The templates for a group type (calendar group_type codes), general ones first.
std::vector<NoteTemplate> TemplatesFor(std::string_view group_type);

}  // namespace stepwise::sessions
