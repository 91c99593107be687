#include "VisionModelWrap.h"

#include "GrammarCheckWorker.h"
#include "Workers.h"

namespace {
int32_t int_or(const Napi::Object & o, const char * key, int32_t fallback) {
    const Napi::Value v = o.Get(key);
    return v.IsNumber() ? v.As<Napi::Number>().Int32Value() : fallback;
}

bool bool_or(const Napi::Object & o, const char * key, bool fallback) {
    const Napi::Value v = o.Get(key);
    return v.IsBoolean() ? v.As<Napi::Boolean>().Value() : fallback;
}

std::string string_or(const Napi::Object & o, const char * key, const std::string & fallback = "") {
    const Napi::Value v = o.Get(key);
    return v.IsString() ? v.As<Napi::String>().Utf8Value() : fallback;
}

Napi::Value rejected(Napi::Env env, const std::string & code, const std::string & message) {
    auto deferred = Napi::Promise::Deferred::New(env);
    reject_with_code(deferred, code, message);
    return deferred.Promise();
}
} // namespace

Napi::Function VisionModelWrap::Define(Napi::Env env) {
    return DefineClass(env, "VisionModel", {
        InstanceMethod<&VisionModelWrap::Load>("load"),
        InstanceMethod<&VisionModelWrap::Generate>("generate"),
        InstanceMethod<&VisionModelWrap::Layout>("layout"),
        InstanceMethod<&VisionModelWrap::Tokenize>("tokenize"),
        InstanceMethod<&VisionModelWrap::GrammarAccepts>("grammarAccepts"),
        InstanceMethod<&VisionModelWrap::Cancel>("cancel"),
        InstanceMethod<&VisionModelWrap::Dispose>("dispose"),
    });
}

VisionModelWrap::VisionModelWrap(const Napi::CallbackInfo & info) : Napi::ObjectWrap<VisionModelWrap>(info) {}

// load({modelPath, mmprojPath, gpuLayers, devices?, contextSize, batchSize, ubatchSize, outputsMax, threads, imageMinTokens, imageMaxTokens, visionGpu, warmup})
Napi::Value VisionModelWrap::Load(const Napi::CallbackInfo & info) {
    if (!info[0].IsObject()) return rejected(info.Env(), "INVALID_REQUEST", "load() needs an options object");
    const Napi::Object o = info[0].As<Napi::Object>();
    EngineParams p;
    p.model_path = string_or(o, "modelPath");
    p.mmproj_path = string_or(o, "mmprojPath");
    p.gpu_layers = int_or(o, "gpuLayers", 0);
    p.n_ctx = (uint32_t) int_or(o, "contextSize", 8192);
    p.n_batch = (uint32_t) int_or(o, "batchSize", 2048);
    p.n_ubatch = (uint32_t) int_or(o, "ubatchSize", 512);
    p.n_outputs_max = (uint32_t) int_or(o, "outputsMax", 2);
    p.n_threads = int_or(o, "threads", 0);
    p.image_min_tokens = int_or(o, "imageMinTokens", 0);
    p.image_max_tokens = int_or(o, "imageMaxTokens", 0);
    p.vision_gpu = bool_or(o, "visionGpu", true);
    p.warmup = bool_or(o, "warmup", true);
    if (o.Get("devices").IsArray()) {
        const Napi::Array list = o.Get("devices").As<Napi::Array>();
        p.devices_given = true;
        for (uint32_t i = 0; i < list.Length(); i++) {
            if (!list.Get(i).IsString()) return rejected(info.Env(), "INVALID_REQUEST", "devices must be an array of ggml device names");
            p.devices.push_back(list.Get(i).As<Napi::String>().Utf8Value());
        }
    }
    auto * worker = new LoadWorker(info.Env(), slot_, std::move(p));
    auto promise = worker->promise();
    worker->Queue();
    return promise;
}

// The request fields generate() and tokenize() share; returns an error message, empty when valid.
static std::string parse_request(const Napi::Object & o, GenerateRequest & req) {
    req.id = int_or(o, "id", 0);
    req.raw_prompt = string_or(o, "prompt");
    req.grammar = string_or(o, "grammar");
    req.max_tokens = int_or(o, "maxTokens", 256);
    if (o.Get("messages").IsArray()) {
        const Napi::Array msgs = o.Get("messages").As<Napi::Array>();
        for (uint32_t i = 0; i < msgs.Length(); i++) {
            const Napi::Object m = msgs.Get(i).As<Napi::Object>();
            req.messages.push_back({string_or(m, "role"), string_or(m, "content")});
        }
    }
    req.keep_context = o.Get("keepContext").IsBoolean() && o.Get("keepContext").As<Napi::Boolean>().Value();
    std::vector<Napi::Value> images;
    if (o.Get("image").IsObject()) images.push_back(o.Get("image"));
    if (o.Get("images").IsArray()) {
        const Napi::Array list = o.Get("images").As<Napi::Array>();
        for (uint32_t i = 0; i < list.Length(); i++) images.push_back(list.Get(i));
    }
    for (const Napi::Value & v : images) {
        if (!v.IsObject()) return "each image must be {data, width, height}";
        const Napi::Object img = v.As<Napi::Object>();
        if (!img.Get("data").IsTypedArray()) return "image.data must be a Uint8Array of RGB bytes";
        const Napi::Uint8Array data = img.Get("data").As<Napi::Uint8Array>();
        RgbImage out;
        out.rgb.assign(data.Data(), data.Data() + data.ByteLength());
        out.width = (uint32_t) int_or(img, "width", 0);
        out.height = (uint32_t) int_or(img, "height", 0);
        req.images.push_back(std::move(out));
    }
    return "";
}

// generate({id, messages?: [{role, content}], prompt?, image?: {data: Uint8Array, width, height}, images?: [...], keepContext?, grammar?, maxTokens}, onText?)
Napi::Value VisionModelWrap::Generate(const Napi::CallbackInfo & info) {
    if (!info[0].IsObject()) return rejected(info.Env(), "INVALID_REQUEST", "generate() needs a request object");
    GenerateRequest req;
    if (const std::string err = parse_request(info[0].As<Napi::Object>(), req); !err.empty()) return rejected(info.Env(), "INVALID_REQUEST", err);
    Napi::Function on_text = info[1].IsFunction() ? info[1].As<Napi::Function>() : Napi::Function();
    auto * worker = new GenerateWorker(info.Env(), slot_, std::move(req), on_text);
    auto promise = worker->promise();
    worker->Queue();
    return promise;
}

// tokenize({messages? | prompt?, image?, images?}): the prompt tokens generate() would decode, each image as -1.
Napi::Value VisionModelWrap::Tokenize(const Napi::CallbackInfo & info) {
    if (!info[0].IsObject()) return rejected(info.Env(), "INVALID_REQUEST", "tokenize() needs a request object");
    GenerateRequest req;
    if (const std::string err = parse_request(info[0].As<Napi::Object>(), req); !err.empty()) return rejected(info.Env(), "INVALID_REQUEST", err);
    auto * worker = new TokenizeWorker(info.Env(), slot_, std::move(req));
    auto promise = worker->promise();
    worker->Queue();
    return promise;
}

// layout(width, height): the image-token grid mtmd will use for an image of that size.
Napi::Value VisionModelWrap::Layout(const Napi::CallbackInfo & info) {
    if (!info[0].IsNumber() || !info[1].IsNumber()) return rejected(info.Env(), "INVALID_REQUEST", "layout(width, height) needs two numbers");
    auto * worker = new LayoutWorker(info.Env(), slot_, info[0].As<Napi::Number>().Uint32Value(), info[1].As<Napi::Number>().Uint32Value());
    auto promise = worker->promise();
    worker->Queue();
    return promise;
}

// grammarAccepts(grammar, text): runs the GBNF over text's tokens in the model's vocabulary (GrammarCheck.h).
Napi::Value VisionModelWrap::GrammarAccepts(const Napi::CallbackInfo & info) {
    if (!info[0].IsString() || !info[1].IsString()) return rejected(info.Env(), "INVALID_REQUEST", "grammarAccepts(grammar, text) needs two strings");
    auto * worker = new GrammarCheckWorker(info.Env(), slot_, info[0].As<Napi::String>().Utf8Value(), info[1].As<Napi::String>().Utf8Value());
    auto promise = worker->promise();
    worker->Queue();
    return promise;
}

// cancel(id): stops request `id` between tokens/chunks (and inside CPU decodes). Never blocks.
Napi::Value VisionModelWrap::Cancel(const Napi::CallbackInfo & info) {
    const int64_t id = info[0].IsNumber() ? info[0].As<Napi::Number>().Int64Value() : 0;
    std::lock_guard<std::mutex> p(slot_->ptr);
    if (slot_->engine) slot_->engine->cancel(id);
    return info.Env().Undefined();
}

// dispose(): frees everything once the running job (if any) ends; idempotent.
Napi::Value VisionModelWrap::Dispose(const Napi::CallbackInfo & info) {
    slot_->disposed = true;
    auto * worker = new DisposeWorker(info.Env(), slot_);
    auto promise = worker->promise();
    worker->Queue();
    return promise;
}
