// The explicit list of built-in dialects: adding a platform adds one line here.
#include <memory>

#include "promptport/dialect.h"

namespace promptport {

std::unique_ptr<Dialect> make_midjourney();
std::unique_ptr<Dialect> make_flux();
std::unique_ptr<Dialect> make_sd();
std::unique_ptr<Dialect> make_comfyui();
std::unique_ptr<Dialect> make_invokeai();
std::unique_ptr<Dialect> make_novelai();
std::unique_ptr<Dialect> make_kling();
std::unique_ptr<Dialect> make_runway();
std::unique_ptr<Dialect> make_luma();
std::unique_ptr<Dialect> make_veo();
std::unique_ptr<Dialect> make_sora();
std::unique_ptr<Dialect> make_seedance();
std::unique_ptr<Dialect> make_hailuo();
std::unique_ptr<Dialect> make_pika();
std::unique_ptr<Dialect> make_wan();
std::unique_ptr<Dialect> make_dalle();
std::unique_ptr<Dialect> make_imagen();
std::unique_ptr<Dialect> make_ideogram();
std::unique_ptr<Dialect> make_krea();

const Registry& builtin_registry() {
  static const Registry registry = [] {
    Registry r;
    r.add(make_midjourney());
    r.add(make_flux());
    r.add(make_sd());
    r.add(make_comfyui());
    r.add(make_invokeai());
    r.add(make_novelai());
    r.add(make_kling());
    r.add(make_runway());
    r.add(make_luma());
    r.add(make_veo());
    r.add(make_sora());
    r.add(make_seedance());
    r.add(make_hailuo());
    r.add(make_pika());
    r.add(make_wan());
    r.add(make_dalle());
    r.add(make_imagen());
    r.add(make_ideogram());
    r.add(make_krea());
    return r;
  }();
  return registry;
}

}  // namespace promptport
