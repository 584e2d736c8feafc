// Runs a migration: reads every input, translates in parallel, writes outputs atomically,
// verifies record counts, and tallies the summary.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "format.h"
#include "walk.h"

namespace promptport::migrate {

struct RunOptions {
  std::filesystem::path out;  ///< -o OUT; empty with in_place
  bool in_place = false;      ///< outputs beside the inputs (structured files keep a .bak)
  bool dry_run = false;       ///< translate and report, write nothing
  bool resume = false;        ///< skip inputs finished by an earlier run with the same settings
  bool progress = false;      ///< draw a progress line on standard error
  std::size_t jobs = 1;       ///< threads translating; 1 runs everything on the main thread
  std::size_t batch_records = 256;
  std::string report_path;   ///< --report FILE: every diagnostic as JSON Lines
  std::string settings_key;  ///< what changes outputs (for --resume signatures)
};

struct Failure {
  std::string where;  ///< "file:line" or the image path
  std::string message;
};

struct Summary {
  std::size_t inputs = 0;    ///< inputs found
  std::size_t written = 0;   ///< inputs whose outputs were written (or would be: dry run)
  std::size_t resumed = 0;   ///< skipped by --resume
  std::size_t outputs = 0;   ///< output files written
  std::size_t verified = 0;  ///< output files re-read and found to hold every record
  std::size_t records = 0, lossless = 0, lossy = 0, failed = 0;
  std::map<std::string, std::size_t> codes;  ///< diagnostic code -> count, every target
  std::vector<Failure> failures;             ///< the first failed records, for the summary
  std::vector<std::string> io_errors;        ///< unreadable inputs, unwritable outputs
  std::vector<std::string> mismatches;       ///< outputs whose record count is wrong
  double seconds = 0;
};

/// Migrates `found.inputs`. I/O problems are collected in the summary, never thrown.
Summary run_migration(const WalkResult& found, const Settings& settings, const RunOptions& options);

}  // namespace promptport::migrate
