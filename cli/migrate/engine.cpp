// The migration pipeline. The main thread reads batches and writes results in input order;
// workers translate and render. A window of batches in flight bounds memory, and because
// each output byte depends only on its own batch, the output is the same for any --jobs.
#include "engine.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>
#include <memory>
#include <system_error>

#include "atomic_file.h"
#include "block_reader.h"
#include "output.h"
#include "progress.h"
#include "resume_state.h"
#include "translate_item.h"
#include "worker_pool.h"

namespace promptport::migrate {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kFailuresShown = 5;

// One input on its way through the pipeline.
struct FileJob {
  Input input;
  std::string display;  // how messages name it
  std::string key;      // for --resume
  std::string signature;
  std::uint64_t size = 0;
  std::uint64_t bytes_seen = 0;  // the raw bytes of the records written so far (progress)
  std::unique_ptr<FormatFile> format;
  std::vector<fs::path> outputs;
  std::vector<std::unique_ptr<AtomicFile>> files;
  std::vector<fs::path> backups;   // in place: the .bak to create before renaming
  std::size_t records = 0;         // Record + Failed items read
  std::vector<std::size_t> lines;  // txt: lines each .txt output must have
  bool broken = false;             // an output could not be written
};

struct Pending {
  std::shared_ptr<FileJob> job;
  std::unique_ptr<Batch> batch;  // null: the end of `job`
  std::future<void> done;
};

// Counts the records in a written output by reading it back with its format.
std::size_t count_records(InputFormat format, const fs::path& path, const Settings& settings,
                          std::string& error) {
  std::unique_ptr<FormatFile> reader = make_format(format, settings);
  if (!reader) {
    error = "no reader for its format";
    return 0;
  }
  Input input;
  input.format = format;
  input.files = {path};
  input.relative = path.filename();
  error = reader->open(input);
  if (!error.empty()) return 0;
  std::size_t records = 0;
  for (;;) {
    Batch batch;
    if (!reader->read(batch, 4096)) break;
    for (const Item& item : batch.items) {
      if (item.kind != Item::Kind::Passthrough) ++records;
    }
  }
  error = reader->error();
  return records;
}

// JSON Lines records are its non-blank lines (what the JSONL reader counts, broken lines
// included), so they are counted without parsing every line again.
std::size_t count_nonblank_lines(const fs::path& path, std::string& error) {
  RawLineReader lines;
  error = lines.open(path.string());
  if (!error.empty()) return 0;
  std::size_t records = 0;
  std::string_view line;
  while (lines.next(line)) {
    records += line.find_first_not_of(" \t\r\n\f\v") != std::string_view::npos;
  }
  error = lines.error();
  return records;
}

std::size_t count_lines(const fs::path& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot read " + path.string();
    return 0;
  }
  std::vector<char> buf(1 << 16);
  std::size_t lines = 0;
  char last = '\n';
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; ++i) lines += buf[static_cast<std::size_t>(i)] == '\n';
    last = buf[static_cast<std::size_t>(n - 1)];
  }
  ::close(fd);
  return lines + (last != '\n' ? 1 : 0);
}

class Migration {
 public:
  Migration(const WalkResult& found, const Settings& settings, const RunOptions& options)
      : found_(found),
        settings_(settings),
        options_(options),
        pool_(options.jobs > 1 ? options.jobs : 0),
        progress_(options.progress, found.inputs.size(), total_bytes(found)) {}

  Summary run() {
    const auto start = std::chrono::steady_clock::now();
    summary_.inputs = found_.inputs.size();
    if (!options_.report_path.empty()) {
      report_fd_ =
          ::open(options_.report_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
      if (report_fd_ < 0) {
        summary_.io_errors.push_back(
            fmt::format("cannot write report {}: {}", options_.report_path, std::strerror(errno)));
      } else {
        report_ = std::make_unique<cli::Writer>(report_fd_);
      }
    }
    if (!options_.dry_run && !options_.in_place) {
      remove_stale_temporaries(options_.out);
      if (std::string error = state_.open(options_.out, options_.resume); !error.empty()) {
        summary_.io_errors.push_back(error);
        return finish(start);
      }
    }
    const std::size_t window = options_.jobs > 1 ? 2 * options_.jobs + 2 : 1;
    for (std::size_t i = 0; i < found_.inputs.size(); ++i) {
      std::shared_ptr<FileJob> job = start_job(i);
      if (!job) continue;
      bool first = true;
      for (;;) {
        auto batch = std::make_unique<Batch>();
        batch->first = first;
        if (!job->format->read(*batch, options_.batch_records)) break;
        first = false;
        Batch* work = batch.get();
        const FormatFile* format = job->format.get();
        const std::size_t outputs = job->outputs.size();
        std::future<void> done = pool_.submit([work, format, outputs, this] {
          translate_batch(*work, settings_);
          work->out.assign(outputs, {});
          format->render(*work);
        });
        pending_.push_back({job, std::move(batch), std::move(done)});
        while (pending_.size() > window) complete_front();
      }
      pending_.push_back({job, nullptr, {}});
      while (pending_.size() > window) complete_front();
    }
    while (!pending_.empty()) complete_front();
    return finish(start);
  }

 private:
  static std::uint64_t total_bytes(const WalkResult& found) {
    std::uint64_t total = 0;
    for (std::uint64_t size : found.sizes) total += size;
    return total;
  }

  Summary finish(std::chrono::steady_clock::time_point start) {
    progress_.finish();
    if (report_) {
      report_->flush();
      if (report_->failed()) {
        summary_.io_errors.push_back(fmt::format("cannot write report {}: {}", options_.report_path,
                                                 std::strerror(report_->error())));
      }
      report_.reset();
      ::close(report_fd_);
    }
    summary_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return std::move(summary_);
  }

  std::shared_ptr<FileJob> start_job(std::size_t index) {
    auto job = std::make_shared<FileJob>();
    job->input = found_.inputs[index];
    job->size = found_.sizes[index];
    const fs::path& root = found_.roots[index];
    const fs::path named = root / job->input.relative;
    job->display = job->input.files.size() == 1 && job->input.format != InputFormat::Png
                       ? job->input.files[0].string()
                       : named.string();
    job->key =
        fmt::format("{}:{}", to_string(job->input.format), job->input.relative.generic_string());
    const fs::path mirrored = options_.in_place ? named : options_.out / job->input.relative;
    job->format = make_format(job->input.format, settings_);
    if (!job->format) {
      summary_.io_errors.push_back(job->display + ": no reader for its format");
      return nullptr;
    }
    job->outputs = job->format->outputs(mirrored);
    if (options_.in_place) plan_backups(*job);
    job->signature = input_signature(job->input, options_.settings_key);
    if (options_.resume && state_.finished(job->key, job->signature) && outputs_exist(*job)) {
      ++summary_.resumed;
      bytes_done_ += job->size;
      return nullptr;
    }
    if (std::string error = job->format->open(job->input); !error.empty()) {
      summary_.io_errors.push_back(error);
      bytes_done_ += job->size;
      return nullptr;
    }
    if (!options_.dry_run) {
      for (const fs::path& path : job->outputs) {
        auto file = std::make_unique<AtomicFile>();
        if (std::string error = file->open(path); !error.empty()) {
          summary_.io_errors.push_back(error);
          job->broken = true;
        }
        job->files.push_back(std::move(file));
      }
    }
    job->lines.assign(job->outputs.size(), 0);
    return job;
  }

  // In place, an output that replaces its input keeps the original as NAME.bak, and a
  // rerun reads that original again rather than its own output.
  void plan_backups(FileJob& job) {
    if (job.input.files.size() != 1) return;
    const fs::path source = job.input.files[0];
    for (const fs::path& output : job.outputs) {
      if (output != source) continue;
      fs::path backup = source;
      backup += ".bak";
      std::error_code ec;
      if (fs::exists(backup, ec)) {
        job.input.files[0] = backup;
      } else {
        job.backups.push_back(backup);
      }
    }
  }

  bool outputs_exist(const FileJob& job) const {
    std::error_code ec;
    for (const fs::path& path : job.outputs) {
      if (!fs::exists(path, ec)) return false;
    }
    return true;
  }

  void complete_front() {
    Pending pending = std::move(pending_.front());
    pending_.pop_front();
    FileJob& job = *pending.job;
    if (!pending.batch) {
      end_job(job);
      return;
    }
    Batch& batch = *pending.batch;
    try {
      pending.done.get();
    } catch (const std::exception& e) {
      // A library bug: every record of the batch is copied through as failed.
      for (Item& item : batch.items) {
        if (item.kind == Item::Kind::Passthrough) continue;
        item.kind = Item::Kind::Failed;
        item.results.clear();
        report(item.input_diags, Code::InvalidInput, Severity::Error,
               std::string("internal error: ") + e.what());
      }
      batch.out.assign(job.outputs.size(), {});
      for (const Item& item : batch.items) {
        for (std::string& out : batch.out) out += item.raw;
      }
    }
    job.format->absorb(batch);
    for (std::size_t i = 0; i < job.files.size() && i < batch.out.size(); ++i) {
      job.files[i]->write(batch.out[i]);
    }
    for (const Item& item : batch.items) {
      account(job, item);
      job.bytes_seen += item.raw.size();
    }
    // Within a file, its records' raw bytes stand in for the bytes read (exact for the
    // line formats), so a single big file still shows a percentage and an ETA.
    progress_.update(summary_.written, summary_.records,
                     bytes_done_ + std::min(job.bytes_seen, job.size));
  }

  void end_job(FileJob& job) {
    std::vector<std::string> tail = job.format->finish();
    for (std::size_t i = 0; i < job.files.size() && i < tail.size(); ++i) {
      job.files[i]->write(tail[i]);
    }
    bytes_done_ += job.size;
    if (std::string error = job.format->error(); !error.empty()) {
      summary_.io_errors.push_back(error);
      return;  // the AtomicFiles remove their temporaries
    }
    if (job.broken) return;
    ++summary_.written;
    if (options_.dry_run) return;
    for (const fs::path& backup : job.backups) {
      std::error_code ec;
      fs::copy_file(job.input.files[0], backup, ec);
      if (ec) {
        summary_.io_errors.push_back("cannot keep " + backup.string() + ": " + ec.message());
        return;
      }
    }
    for (auto& file : job.files) {
      if (std::string error = file->commit(); !error.empty()) {
        summary_.io_errors.push_back(error);
        return;
      }
      ++summary_.outputs;
    }
    // An output that does not read back whole is not finished: --resume must redo it.
    if (verify(job)) state_.mark(job.key, job.signature);
    progress_.update(summary_.written, summary_.records, bytes_done_);
  }

  // Reads every output back and checks it holds exactly the input's records.
  bool verify(const FileJob& job) {
    bool whole = true;
    for (std::size_t i = 0; i < job.outputs.size(); ++i) {
      const fs::path& path = job.outputs[i];
      std::string error;
      std::size_t found = 0;
      std::size_t expected = job.records;
      if (job.input.format == InputFormat::Txt && i % 2 == 0) {
        found = count_lines(path, error);
        expected = job.lines[i];
      } else {
        InputFormat format = job.input.format;
        if (format == InputFormat::Txt || format == InputFormat::Png) format = InputFormat::Jsonl;
        found = format == InputFormat::Jsonl ? count_nonblank_lines(path, error)
                                             : count_records(format, path, settings_, error);
      }
      if (!error.empty()) {
        summary_.mismatches.push_back(path.string() + ": " + error);
        whole = false;
      } else if (found != expected) {
        summary_.mismatches.push_back(
            fmt::format("{}: {} records read back, {} expected", path.string(), found, expected));
        whole = false;
      } else {
        ++summary_.verified;
      }
    }
    return whole;
  }

  void account(FileJob& job, const Item& item) {
    if (job.input.format == InputFormat::Txt) {
      for (std::size_t t = 0; t < settings_.targets.size(); ++t) {
        const bool translated = item.kind == Item::Kind::Record && t < item.results.size();
        job.lines[2 * t] += translated ? item.results[t].prompts.size() : 1;
      }
    }
    if (item.kind == Item::Kind::Passthrough) return;
    ++job.records;
    ++summary_.records;
    const std::string where = !item.label.empty() ? item.label
                              : item.line > 0
                                  ? fmt::format("{}:{}", job.display, item.line)
                                  : fmt::format("{} record {}", job.display, item.record);
    bool failed = item.kind == Item::Kind::Failed;
    bool lossless = !failed;
    std::string first_error;
    if (failed) {
      for (const Diagnostic& d : item.input_diags) {
        note(job, item, nullptr, d);
        if (d.severity == Severity::Error && first_error.empty()) first_error = d.message;
      }
    }
    for (std::size_t t = 0; t < item.results.size(); ++t) {
      const TargetResult& result = item.results[t];
      if (result.failed) failed = true;
      if (!result.lossless) lossless = false;
      for (const Diagnostic& d : result.diags) {
        note(job, item, &settings_.targets[t], d);
        if (d.severity == Severity::Error && first_error.empty()) first_error = d.message;
      }
    }
    if (failed) {
      ++summary_.failed;
      if (summary_.failures.size() < kFailuresShown) {
        summary_.failures.push_back({where, first_error});
      }
    } else if (lossless) {
      ++summary_.lossless;
    } else {
      ++summary_.lossy;
    }
  }

  void note(const FileJob& job, const Item& item, const Target* target, const Diagnostic& d) {
    ++summary_.codes[std::string(code_name(d.code))];
    if (!report_) return;
    std::string& row = scratch_;
    row.clear();
    row += "{\"file\":";
    append_json_string(row, item.label.empty() ? job.display : item.label);
    row += ",\"record\":";
    row += std::to_string(item.record);
    if (item.line > 0) {
      row += ",\"line\":";
      row += std::to_string(item.line);
    }
    row += ",\"target\":";
    if (target) {
      append_json_string(row, target->name);
    } else {
      row += "null";
    }
    std::string body;
    append_json(body, to_json(d));
    if (body.size() > 2) {
      row += ',';
      row.append(body, 1, std::string::npos);
    } else {
      row += '}';
    }
    row += '\n';
    report_->write(row);
  }

  const WalkResult& found_;
  const Settings& settings_;
  const RunOptions& options_;
  WorkerPool pool_;
  Progress progress_;
  ResumeState state_;
  std::deque<Pending> pending_;
  Summary summary_;
  std::uint64_t bytes_done_ = 0;
  int report_fd_ = -1;
  std::unique_ptr<cli::Writer> report_;
  std::string scratch_;
};

}  // namespace

Summary run_migration(const WalkResult& found, const Settings& settings,
                      const RunOptions& options) {
  Migration migration(found, settings, options);
  return migration.run();
}

}  // namespace promptport::migrate
