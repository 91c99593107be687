#include "EngineLog.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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
std::vector<EngineBuffer> g_buffers;
std::string g_clip_backend;

// mtmd says where its vision encoder runs only in its log: "clip_ctx: CLIP using Vulkan0 backend".
void note_clip_backend(const char * text) {
    const char * at = std::strstr(text, "CLIP using ");
    if (!at) return;
    std::string name(at + 11);
    const size_t end = name.find(" backend");
    if (end == std::string::npos) return;
    std::lock_guard<std::mutex> lock(g_mutex);
    g_clip_backend = name.substr(0, end);
}

// llama.cpp states its allocations only in its log, as "<func>: <backend> <kind> buffer size = <n> MiB".
void note_buffer(const std::string & line) {
    const size_t at = line.find(" buffer size = ");
    const size_t colon = line.find(':');
    if (at == std::string::npos || colon == std::string::npos || colon > at) return;
    std::vector<std::string> words;
    std::string word;
    for (size_t i = colon + 1; i <= at; i++) {
        const char c = i < at ? line[i] : ' ';
        if (c == ' ') {
            if (!word.empty()) words.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    if (words.size() < 2) return;
    EngineBuffer b;
    b.source = line.substr(0, colon);
    b.kind = words.back();
    words.pop_back();
    for (const auto & w : words) b.backend += (b.backend.empty() ? "" : " ") + w;
    const double mib = std::atof(line.c_str() + at + 15);
    b.bytes = mib * 1024.0 * 1024.0;
    std::lock_guard<std::mutex> lock(g_mutex);
    for (auto & old : g_buffers) {
        if (old.source == b.source && old.backend == b.backend && old.kind == b.kind) {
            old = b;
            return;
        }
    }
    g_buffers.push_back(b);
}

// clip.cpp warns that Qwen-VL grounding needs 1024 image tokens whenever mtmd's minimum is below
// that, and advises --image-min-tokens 1024. DeskPilot loads mtmd with a low minimum on purpose
// (the policy's crops are small frames) and prepares every screenshot at 1024 tokens or more
// itself, so that advice would mislead a user into a setting that already holds: it is left out.
bool is_grounding_minimum_advice(const char * text) {
    return std::strstr(text, "require at minimum 1024 image tokens") || std::strstr(text, "--image-min-tokens 1024") ||
           std::strstr(text, "llama.cpp/issues/16842");
}

void on_log(ggml_log_level level, const char * text, void *) {
    // CONT continues the previous line at that line's level
    const int effective = level == GGML_LOG_LEVEL_CONT ? g_last_level : level;
    if (level != GGML_LOG_LEVEL_CONT) g_last_level = level;
    if (effective == GGML_LOG_LEVEL_ERROR) {
        std::lock_guard<std::mutex> lock(g_mutex);
        g_errors += text;
        if (g_errors.size() > 4096) g_errors.erase(0, g_errors.size() - 4096);
    }
    if (std::strstr(text, " buffer size = ")) note_buffer(text);
    if (std::strstr(text, "CLIP using ")) note_clip_backend(text);
    if (effective == GGML_LOG_LEVEL_WARN && is_grounding_minimum_advice(text)) return;
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

std::vector<EngineBuffer> engine_log_buffers() {
    std::lock_guard<std::mutex> lock(g_mutex);
    return g_buffers;
}

void engine_log_clear_buffers() {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_buffers.clear();
    g_clip_backend.clear();
}

std::string engine_log_clip_backend() {
    std::lock_guard<std::mutex> lock(g_mutex);
    return g_clip_backend;
}
