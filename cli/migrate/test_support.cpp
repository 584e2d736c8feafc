// Sequential driver of one format for unit tests (the engine runs the same steps in parallel).
#include "test_support.h"

#include <unistd.h>
#include <atomic>
#include <fstream>

#include "translate_item.h"

namespace promptport::migrate::testing {

Settings settings_for(const std::vector<std::string>& targets, const std::string& from) {
  Settings settings;
  settings.registry = &builtin_registry();
  for (const std::string& name : targets) {
    Target target;
    target.dialect = settings.registry->find(name);
    target.name = std::string(target.dialect->name());
    target.options.from = from;
    target.options.to = target.name;
    settings.targets.push_back(std::move(target));
  }
  return settings;
}

namespace {

// Drives the format; `sink` sees every translated item.
template <class Sink>
std::vector<std::string> drive(InputFormat format, const Input& input, const Settings& settings,
                               std::string* error, std::size_t batch_records, Sink sink) {
  std::unique_ptr<FormatFile> file = make_format(format, settings);
  if (!file) {
    if (error) *error = "format not implemented";
    return {};
  }
  std::string message = file->open(input);
  if (!message.empty()) {
    if (error) *error = message;
    return {};
  }
  const std::size_t count = file->outputs("out").size();
  std::vector<std::string> outputs(count);
  bool first = true;
  for (;;) {
    Batch batch;
    batch.first = first;
    if (!file->read(batch, batch_records)) break;
    first = false;
    translate_batch(batch, settings);
    batch.out.assign(count, {});
    file->render(batch);
    file->absorb(batch);
    for (std::size_t i = 0; i < count && i < batch.out.size(); ++i) outputs[i] += batch.out[i];
    for (const Item& item : batch.items) sink(item);
  }
  std::vector<std::string> tail = file->finish();
  for (std::size_t i = 0; i < count && i < tail.size(); ++i) outputs[i] += tail[i];
  if (error) *error = file->error();
  return outputs;
}

}  // namespace

std::vector<std::string> run(InputFormat format, const Input& input, const Settings& settings,
                             std::string* error, std::size_t batch_records) {
  return drive(format, input, settings, error, batch_records, [](const Item&) {});
}

std::vector<Item> items(InputFormat format, const Input& input, const Settings& settings) {
  std::vector<Item> all;
  drive(format, input, settings, nullptr, 3, [&](const Item& item) { all.push_back(item); });
  return all;
}

std::filesystem::path temp_dir() {
  static std::atomic<int> counter{0};
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("promptport-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path write_file(const std::filesystem::path& path, const std::string& bytes) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

Input input_for(const std::filesystem::path& file, InputFormat format) {
  Input input;
  input.format = format;
  input.files = {file};
  input.relative = file.filename();
  return input;
}

}  // namespace promptport::migrate::testing
