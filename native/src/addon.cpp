// Entry point of deskpilot_vision.node: backend loading, device listing, log level, VisionModel.
#include <napi.h>

#include <mutex>
#include <string>
#include <vector>

#include "EngineLog.h"
#include "VisionModelWrap.h"
#include "ggml-backend.h"
#include "llama.h"
#include "mtmd.h"

namespace {
std::once_flag g_backend_once;

// loadBackends(baseDir, gpuLibs): loads every backend library in baseDir (node-llama-cpp's CPU
// variant folder: the best CPU library for this processor; on macOS also Metal), then tries the
// GPU libraries in gpuLibs in order and keeps the first that finds a device. One that loads but
// finds none (a Vulkan loader with only a software device, a CUDA library without a GPU) is
// unloaded again, so it cannot be used behind the caller's back. Only the first call in a process
// has an effect; later calls return the first call's report.
// Returns {devices, tried: [{path, loaded, devices, kept}]}.
struct BackendTry {
    std::string path;
    bool loaded = false;
    size_t devices = 0;
    bool kept = false;
};
std::vector<BackendTry> g_tried;

Napi::Value LoadBackends(const Napi::CallbackInfo & info) {
    const std::string dir = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
    std::vector<std::string> gpu_libs;
    if (info[1].IsArray()) {
        const Napi::Array list = info[1].As<Napi::Array>();
        for (uint32_t i = 0; i < list.Length(); i++) if (list.Get(i).IsString()) gpu_libs.push_back(list.Get(i).As<Napi::String>().Utf8Value());
    }
    std::call_once(g_backend_once, [&] {
        llama_backend_init();
        ggml_backend_load_all_from_path(dir.empty() ? nullptr : dir.c_str());
        for (const std::string & path : gpu_libs) {
            BackendTry t;
            t.path = path;
            ggml_backend_reg_t reg = ggml_backend_load(path.c_str());
            t.loaded = reg != nullptr;
            if (reg) {
                t.devices = ggml_backend_reg_dev_count(reg);
                t.kept = t.devices > 0;
                if (!t.kept) ggml_backend_unload(reg);
            }
            g_tried.push_back(t);
            if (t.kept) break;
        }
    });
    Napi::Env env = info.Env();
    Napi::Object out = Napi::Object::New(env);
    out.Set("devices", (double) ggml_backend_dev_count());
    Napi::Array tried = Napi::Array::New(env, g_tried.size());
    for (uint32_t i = 0; i < g_tried.size(); i++) {
        Napi::Object t = Napi::Object::New(env);
        t.Set("path", g_tried[i].path);
        t.Set("loaded", g_tried[i].loaded);
        t.Set("devices", (double) g_tried[i].devices);
        t.Set("kept", g_tried[i].kept);
        tried.Set(i, t);
    }
    out.Set("tried", tried);
    return out;
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
