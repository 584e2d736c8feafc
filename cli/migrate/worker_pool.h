// A fixed set of threads running submitted jobs in submission order of start.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace promptport::migrate {

class WorkerPool {
 public:
  /// `threads` == 0 runs every job at once on the calling thread (--jobs 1).
  explicit WorkerPool(std::size_t threads);
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool();

  /// The future is ready when `job` has run; an exception it throws is kept in the future.
  std::future<void> submit(std::function<void()> job);

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace promptport::migrate
