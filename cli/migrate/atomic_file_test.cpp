// AtomicFile: nothing at the final name until commit; stale temporaries of dead runs removed,
// those of a live concurrent run kept.
#include "atomic_file.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "test_support.h"

namespace promptport::migrate {

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::size_t files_in(const fs::path& folder) {
  std::size_t n = 0;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) n += entry.is_regular_file();
  return n;
}

}  // namespace

TEST_CASE("atomic file: the final name appears only on commit") {
  const fs::path dir = testing::temp_dir();
  const fs::path target = dir / "deep" / "out.txt";
  AtomicFile file;
  REQUIRE(file.open(target) == "");
  file.write("hello ");
  file.write("world\n");
  CHECK_FALSE(fs::exists(target));
  CHECK(files_in(dir) == 1);  // the temporary
  CHECK(file.commit() == "");
  CHECK(slurp(target) == "hello world\n");
  CHECK(files_in(dir) == 1);
}

TEST_CASE("atomic file: abandoning leaves nothing") {
  const fs::path dir = testing::temp_dir();
  {
    AtomicFile file;
    REQUIRE(file.open(dir / "out.txt") == "");
    file.write("partial");
  }
  CHECK(files_in(dir) == 0);
}

TEST_CASE("atomic file: an unwritable folder is an error message, not an exception") {
  const fs::path dir = testing::temp_dir();
  testing::write_file(dir / "file", "x");
  AtomicFile file;
  CHECK(file.open(dir / "file" / "out.txt").find("cannot create folder") == 0);
}

TEST_CASE("atomic file: stale temporaries of dead runs go, a live run's stay") {
  const fs::path dir = testing::temp_dir();
  // pid 1 always exists; 2^30+7 is above any Linux pid_max (at most 2^22).
  testing::write_file(dir / ".a.txt.promptport-tmp-1", "live run");
  testing::write_file(dir / "sub" / ".b.txt.promptport-tmp-1073741831", "dead run");
  testing::write_file(dir / "sub" / (".c.txt.promptport-tmp-" + std::to_string(::getpid())), "me");
  testing::write_file(dir / "keep.txt", "an output");
  CHECK(remove_stale_temporaries(dir) == 2);
  CHECK(fs::exists(dir / ".a.txt.promptport-tmp-1"));
  CHECK(fs::exists(dir / "keep.txt"));
  CHECK(files_in(dir) == 2);
  CHECK(is_temporary_name(".x.promptport-tmp-12"));
  CHECK_FALSE(is_temporary_name("x.promptport-tmp-12"));
}

}  // namespace promptport::migrate
