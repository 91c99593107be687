// Entry point of deskpilot_vision.node: backend loading, device listing, log level, VisionModel.
#include <napi.h>

#include <mutex>

#include "EngineLog.h"
#include "VisionModelWrap.h"
#include "ggml-backend.h"
#include "llama.h"
#include "mtmd.h"

namespace {
std::once_flag g_backend_once;

// loadBackends(dir): loads the CPU/GPU backend libraries next to libggml (node-llama-cpp's bins
// folder); only the first call in a process has an effect.
Napi::Value LoadBackends(const Napi::CallbackInfo & info) {
    const std::string dir = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
    std::call_once(g_backend_once, [&] {
        llama_backend_init();
        ggml_backend_load_all_from_path(dir.empty() ? nullptr : dir.c_str());
    });
    return Napi::Number::New(info.Env(), (double) ggml_backend_dev_count());
}

// devices(): [{name, description, type, memoryFree, memoryTotal}]
Napi::Value Devices(const Napi::CallbackInfo & info) {
    Napi::Env env = info.Env();
    Napi::Array out = Napi::Array::New(env);
    for (size_t i = 0; i < ggml_backend_dev_count(); i++) {
        ggml_backend_dev_t dev = ggml_backend_dev_get(i);
        size_t free = 0, total = 0;
        ggml_backend_dev_memory(dev, &free, &total);
        const auto type = ggml_backend_dev_type(dev);
        Napi::Object d = Napi::Object::New(env);
        d.Set("name", ggml_backend_dev_name(dev));
        d.Set("description", ggml_backend_dev_description(dev));
        d.Set("type", type == GGML_BACKEND_DEVICE_TYPE_CPU ? "cpu" : type == GGML_BACKEND_DEVICE_TYPE_GPU ? "gpu" : type == GGML_BACKEND_DEVICE_TYPE_IGPU ? "igpu" : "accel");
        d.Set("memoryFree", (double) free);
        d.Set("memoryTotal", (double) total);
        out.Set((uint32_t) i, d);
    }
    return out;
}

// setLogLevel(level): 1 debug … 4 error, 5 silent.
Napi::Value SetLogLevel(const Napi::CallbackInfo & info) {
    engine_log_set_level(info[0].IsNumber() ? info[0].As<Napi::Number>().Int32Value() : GGML_LOG_LEVEL_WARN);
    return info.Env().Undefined();
}

// buffers(): [{source, backend, kind, bytes}] as llama.cpp and mtmd reported allocating them for the
// model loaded in this process (weights, KV cache, compute buffers), re-reservations replacing the first.
Napi::Value Buffers(const Napi::CallbackInfo & info) {
    Napi::Env env = info.Env();
    Napi::Array out = Napi::Array::New(env);
    uint32_t i = 0;
    for (const auto & b : engine_log_buffers()) {
        Napi::Object o = Napi::Object::New(env);
        o.Set("source", b.source);
        o.Set("backend", b.backend);
        o.Set("kind", b.kind);
        o.Set("bytes", b.bytes);
        out.Set(i++, o);
    }
    return out;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
    engine_log_install(GGML_LOG_LEVEL_WARN);
    exports.Set("loadBackends", Napi::Function::New(env, LoadBackends));
    exports.Set("devices", Napi::Function::New(env, Devices));
    exports.Set("buffers", Napi::Function::New(env, Buffers));
    exports.Set("setLogLevel", Napi::Function::New(env, SetLogLevel));
    exports.Set("systemInfo", Napi::Function::New(env, [](const Napi::CallbackInfo & i) { return Napi::String::New(i.Env(), llama_print_system_info()); }));
    exports.Set("mediaMarker", Napi::String::New(env, mtmd_default_marker()));
    exports.Set("VisionModel", VisionModelWrap::Define(env));
    return exports;
}
} // namespace

NODE_API_MODULE(deskpilot_vision, Init)
