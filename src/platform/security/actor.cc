#include "platform/security/actor.h"

#include <algorithm>

namespace stepwise {

bool Actor::Can(std::string_view permission) const {
  return std::binary_search(permissions.begin(), permissions.end(), permission);
}

}  // namespace stepwise
