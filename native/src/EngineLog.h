// Routes llama.cpp/mtmd logs to stderr above a level, and keeps recent error lines so a failed
// load can say why (llama.cpp reports most failures only through the log).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

// One buffer llama.cpp or mtmd reported allocating ("sched_reserve: CPU compute buffer size = 12.5 MiB").
struct EngineBuffer {
    std::string source;  // the reporting function: load_tensors, llama_kv_cache, sched_reserve, reserve_compute_meta, …
    std::string backend; // CPU, CUDA0, Vulkan0, CPU_Mapped, …
    std::string kind;    // model | KV | compute | output
    double bytes = 0;
};

void engine_log_install(int min_level);
void engine_log_set_level(int min_level);
void engine_log_clear_errors();
std::string engine_log_errors();
// The buffers reported since the last engine_log_clear_buffers (a later report of the same
// source, backend and kind replaces the earlier one: a re-reservation).
std::vector<EngineBuffer> engine_log_buffers();
void engine_log_clear_buffers();
// The backend mtmd reported its vision encoder on since the last engine_log_clear_buffers ("" if none yet).
std::string engine_log_clip_backend();
