// The explicit list of built-in dialects: adding a platform adds one line here.
#include <memory>

#include "promptport/dialect.h"

namespace promptport {

std::unique_ptr<Dialect> make_midjourney();
std::unique_ptr<Dialect> make_flux();

const Registry& builtin_registry() {
  static const Registry registry = [] {
    Registry r;
    r.add(make_midjourney());
    r.add(make_flux());
    return r;
  }();
  return registry;
}

}  // namespace promptport
