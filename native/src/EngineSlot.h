// Shared between a JS VisionModel object and its in-flight workers: the engine and the lock
// that serializes work on it (encoding and eval_chunks are not thread-safe).
#pragma once

#include <memory>
#include <mutex>

#include "VisionEngine.h"

struct EngineSlot {
    std::mutex work;                      // held for the whole of one job
    std::mutex ptr;                       // guards `engine` for cancel(), which must not wait for a job
    std::unique_ptr<VisionEngine> engine; // null before load and after dispose
    bool disposed = false;
};
