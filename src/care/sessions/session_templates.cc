#include "care/sessions/session_templates.h"

#include <algorithm>

namespace stepwise::sessions {

namespace {

const std::vector<NoteTemplate>& All() {
  static const std::vector<NoteTemplate> v = {
      {"engaged", "Engaged and participating", {},
       "Actively participated; shared personal examples and offered feedback to peers.", "Euthymic, full range",
       "Client engaged with the topic and related it to their own recovery."},
      {"quiet", "Present, limited participation", {},
       "Attended; participated when prompted, otherwise listened.", "Constricted",
       "Client was attentive but shared little; will follow up in individual session."},
      {"distressed", "Distressed during group", {},
       "Participation limited by visible distress.", "Anxious, tearful",
       "Client became distressed; staff checked in after group and reviewed coping and safety plan."},
      {"relapse_prevention", "Relapse prevention skills", {"relapse_prevention"},
       "Identified personal triggers and rehearsed a coping response.", "Euthymic",
       "Client named high-risk situations and one coping skill to use this week."},
      {"psychoeducation", "Psychoeducation", {"psychoeducation", "family_education"},
       "Listened to the presentation and asked questions.", "Euthymic",
       "Client demonstrated understanding of the material by summarizing key points."},
      {"mindfulness", "Mindfulness practice", {"mindfulness", "yoga"},
       "Completed the practice and described the experience.", "Calm",
       "Client practiced the exercise and reported reduced tension afterwards."},
  };
  return v;
}

}  // namespace

std::vector<NoteTemplate> TemplatesFor(std::string_view group_type) {
  std::vector<NoteTemplate> out;
  for (const auto& t : All()) {
    if (t.group_types.empty()) out.push_back(t);
  }
  for (const auto& t : All()) {
    if (std::find(t.group_types.begin(), t.group_types.end(), group_type) != t.group_types.end()) out.push_back(t);
  }
  return out;
}

}  // namespace stepwise::sessions
