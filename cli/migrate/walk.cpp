// Input discovery: sorted recursive walk with include/exclude globs.
#include "walk.h"

#include <fnmatch.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <system_error>

namespace promptport::migrate {

namespace fs = std::filesystem;

namespace {

bool matches_any(const std::vector<std::string>& globs, const std::string& relative,
                 const std::string& name) {
  for (const std::string& glob : globs) {
    if (fnmatch(glob.c_str(), relative.c_str(), 0) == 0) return true;
    if (fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
  }
  return false;
}

bool is_our_output(const std::string& name, const WalkOptions& options) {
  for (const std::string& suffix : options.output_suffixes) {
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  return false;
}

class Walker {
 public:
  Walker(const WalkOptions& options, WalkResult& result) : options_(options), result_(result) {}

  void add_file(const fs::path& file, const fs::path& root, const fs::path& relative, bool named) {
    InputFormat format = options_.forced;
    if (format == InputFormat::Auto) format = format_from_extension(file);
    if (format == InputFormat::Auto) {
      if (!named) {
        result_.unknown.push_back(file.string());
        return;
      }
      format = sniff_format(file);
    }
    std::error_code ec;
    const std::uint64_t size = fs::file_size(file, ec);
    if (format == InputFormat::Png) {
      // One manifest per folder: images of the same folder join one Input.
      const fs::path folder = relative.parent_path();
      const std::string key = root.string() + '\0' + folder.string();
      auto [it, fresh] = png_groups_.try_emplace(key, result_.inputs.size());
      if (fresh) {
        Input input;
        input.format = InputFormat::Png;
        input.relative = folder;
        result_.inputs.push_back(std::move(input));
        result_.sizes.push_back(0);
        result_.roots.push_back(root);
      }
      result_.inputs[it->second].files.push_back(file);
      result_.sizes[it->second] += ec ? 0 : size;
      return;
    }
    Input input;
    input.format = format;
    input.files = {file};
    input.relative = relative;
    result_.inputs.push_back(std::move(input));
    result_.sizes.push_back(ec ? 0 : size);
    result_.roots.push_back(root);
  }

  void walk(const fs::path& folder, const fs::path& root) {
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      entries.push_back(*it);
    }
    if (ec) {
      result_.errors.push_back("cannot read folder " + folder.string() + ": " + ec.message());
      return;
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    for (const fs::directory_entry& entry : entries) {
      const std::string name = entry.path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      const fs::path relative = entry.path().lexically_relative(root);
      if (matches_any(options_.exclude, relative.generic_string(), name)) continue;
      std::error_code type_ec;
      // Folder symlinks are not followed: a link back up would never end.
      if (entry.is_directory(type_ec) && !entry.is_symlink(type_ec)) {
        walk(entry.path(), root);
        continue;
      }
      if (!entry.is_regular_file(type_ec)) continue;
      if (is_our_output(name, options_)) continue;
      if (!options_.include.empty() &&
          !matches_any(options_.include, relative.generic_string(), name)) {
        continue;
      }
      add_file(entry.path(), root, relative, false);
    }
  }

 private:
  const WalkOptions& options_;
  WalkResult& result_;
  std::map<std::string, std::size_t> png_groups_;
};

}  // namespace

InputFormat format_from_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".txt") return InputFormat::Txt;
  if (ext == ".csv") return InputFormat::Csv;
  if (ext == ".tsv") return InputFormat::Tsv;
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::Jsonl;
  if (ext == ".json") return InputFormat::Json;
  if (ext == ".yaml" || ext == ".yml") return InputFormat::Yaml;
  if (ext == ".png") return InputFormat::Png;
  return InputFormat::Auto;
}

InputFormat sniff_format(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.rfind("\x89PNG\r\n\x1a\n", 0) == 0) return InputFormat::Png;
  const std::size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos) return InputFormat::Txt;
  if (head[first] == '[') return InputFormat::Json;
  if (head[first] == '{') {
    // JSON Lines when a second line also starts an object.
    const std::size_t newline = head.find('\n', first);
    if (newline != std::string::npos) {
      const std::size_t next = head.find_first_not_of(" \t\r\n", newline);
      if (next != std::string::npos && head[next] == '{') return InputFormat::Jsonl;
    }
    return InputFormat::Json;
  }
  return InputFormat::Txt;
}

bool format_from_name(std::string_view name, InputFormat& format) {
  for (InputFormat f :
       {InputFormat::Auto, InputFormat::Txt, InputFormat::Csv, InputFormat::Tsv, InputFormat::Jsonl,
        InputFormat::Json, InputFormat::Yaml, InputFormat::Png}) {
    if (to_string(f) == name) {
      format = f;
      return true;
    }
  }
  return false;
}

WalkResult find_inputs(const std::vector<std::string>& paths, const WalkOptions& options) {
  WalkResult result;
  Walker walker(options, result);
  for (const std::string& arg : paths) {
    const fs::path path(arg);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      result.errors.push_back("cannot read " + arg + ": " +
                              (ec ? ec.message() : std::string("No such file or directory")));
      continue;
    }
    if (fs::is_directory(status)) {
      walker.walk(path, path);
    } else {
      walker.add_file(path, path.parent_path(), path.filename(), true);
    }
  }
  return result;
}

}  // namespace promptport::migrate
