#include "EngineLog.h"

#include <atomic>
#include <cstdio>
#include <mutex>

#include "ggml.h"
#include "llama.h"
#include "mtmd.h"
#include "mtmd-helper.h"

namespace {
std::atomic<int> g_min_level{GGML_LOG_LEVEL_WARN};
std::mutex g_mutex;
std::string g_errors;
int g_last_level = GGML_LOG_LEVEL_INFO;

void on_log(ggml_log_level level, const char * text, void *) {
    // CONT continues the previous line at that line's level
    const int effective = level == GGML_LOG_LEVEL_CONT ? g_last_level : level;
    if (level != GGML_LOG_LEVEL_CONT) g_last_level = level;
    if (effective == GGML_LOG_LEVEL_ERROR) {
        std::lock_guard<std::mutex> lock(g_mutex);
        g_errors += text;
        if (g_errors.size() > 4096) g_errors.erase(0, g_errors.size() - 4096);
    }
    if (effective >= g_min_level.load()) {
        std::fputs(text, stderr);
    }
}
} // namespace

void engine_log_install(int min_level) {
    g_min_level.store(min_level);
    llama_log_set(on_log, nullptr);
    mtmd_log_set(on_log, nullptr);
    mtmd_helper_log_set(on_log, nullptr);
}

void engine_log_set_level(int min_level) { g_min_level.store(min_level); }

void engine_log_clear_errors() {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_errors.clear();
}

std::string engine_log_errors() {
    std::lock_guard<std::mutex> lock(g_mutex);
    std::string out = g_errors;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}
