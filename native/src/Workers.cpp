#include "Workers.h"

#include <stdexcept>

namespace {
Napi::Function noop(Napi::Env env) {
    return Napi::Function::New(env, [](const Napi::CallbackInfo &) {});
}

// Runs `fn` on the engine under the work lock; maps C++ exception types to stable codes.
// Returns an error message (empty on success) and sets `code`.
template <typename Fn>
std::string with_engine(EngineSlot & slot, std::string & code, Fn && fn) {
    std::lock_guard<std::mutex> lock(slot.work);
    if (!slot.engine) {
        code = slot.disposed ? "DISPOSED" : "NOT_LOADED";
        return slot.disposed ? "the model was disposed" : "the model is not loaded";
    }
    try {
        fn(*slot.engine);
        return "";
    } catch (const std::invalid_argument & e) {
        code = "INVALID_REQUEST";
        return e.what();
    } catch (const std::length_error & e) {
        code = "CONTEXT_TOO_SMALL";
        return e.what();
    } catch (const std::exception & e) {
        return e.what();
    }
}
} // namespace

void reject_with_code(Napi::Promise::Deferred & deferred, const std::string & code, const std::string & message) {
    Napi::Error err = Napi::Error::New(deferred.Env(), message);
    err.Set("code", Napi::String::New(deferred.Env(), code));
    deferred.Reject(err.Value());
}

LoadWorker::LoadWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot, EngineParams params)
    : Napi::AsyncWorker(noop(env)), slot_(std::move(slot)), params_(std::move(params)), deferred_(Napi::Promise::Deferred::New(env)) {}

void LoadWorker::Execute() {
    std::lock_guard<std::mutex> lock(slot_->work);
    if (slot_->disposed) { code_ = "DISPOSED"; SetError("the model was disposed"); return; }
    if (slot_->engine) { code_ = "ALREADY_LOADED"; SetError("the model is already loaded"); return; }
    try {
        auto engine = std::make_unique<VisionEngine>(params_);
        n_embd_ = engine->n_embd();
        n_ctx_ = engine->n_ctx();
        memory_ = engine->memory_kind();
        placement_ = engine->placement();
        std::lock_guard<std::mutex> p(slot_->ptr);
        slot_->engine = std::move(engine);
    } catch (const std::exception & e) {
        SetError(e.what());
    }
}

void LoadWorker::OnOK() {
    Napi::Object out = Napi::Object::New(Env());
    out.Set("nEmbd", n_embd_);
    out.Set("contextSize", n_ctx_);
    out.Set("memory", memory_);
    Napi::Object placement = Napi::Object::New(Env());
    Napi::Array text_devices = Napi::Array::New(Env(), placement_.text_devices.size());
    for (uint32_t i = 0; i < placement_.text_devices.size(); i++) text_devices.Set(i, placement_.text_devices[i]);
    placement.Set("textDevices", text_devices);
    placement.Set("layersOffloaded", placement_.layers_offloaded);
    placement.Set("layersTotal", placement_.layers_total);
    placement.Set("visionBackend", placement_.vision_backend);
    out.Set("placement", placement);
    deferred_.Resolve(out);
}

void LoadWorker::OnError(const Napi::Error & e) { reject_with_code(deferred_, code_, e.Message()); }

GenerateWorker::GenerateWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot, GenerateRequest req, Napi::Function on_text)
    : Napi::AsyncProgressQueueWorker<char>(noop(env)), slot_(std::move(slot)), req_(std::move(req)), deferred_(Napi::Promise::Deferred::New(env)) {
    if (!on_text.IsEmpty()) on_text_ = Napi::Persistent(on_text);
}

void GenerateWorker::Execute(const ExecutionProgress & progress) {
    const std::string err = with_engine(*slot_, code_, [&](VisionEngine & engine) {
        result_ = engine.generate(req_, [&](const std::string & piece) { progress.Send(piece.data(), piece.size()); });
    });
    if (!err.empty()) SetError(err);
}

void GenerateWorker::OnProgress(const char * data, size_t count) {
    if (on_text_.IsEmpty() || data == nullptr) return;
    on_text_.Call({Napi::String::New(Env(), data, count)});
}

void GenerateWorker::OnOK() {
    Napi::Env env = Env();
    Napi::Object out = Napi::Object::New(env);
    out.Set("text", result_.text);
    out.Set("stopReason", result_.stop_reason);
    out.Set("promptTokens", result_.prompt_tokens);
    out.Set("imageTokens", result_.image_tokens);
    out.Set("imageNx", result_.image_nx);
    out.Set("imageNy", result_.image_ny);
    out.Set("generatedTokens", result_.generated_tokens);
    out.Set("reusedTokens", result_.reused_tokens);
    out.Set("contextTokens", result_.context_tokens);
    out.Set("encodedImages", result_.encoded_images);
    out.Set("eraseRefused", result_.erase_refused);
    Napi::Object t = Napi::Object::New(env);
    t.Set("prepareMs", result_.prepare_ms);
    t.Set("encodeMs", result_.encode_ms);
    t.Set("prefillMs", result_.prefill_ms);
    t.Set("decodeMs", result_.decode_ms);
    out.Set("timings", t);
    deferred_.Resolve(out);
}

void GenerateWorker::OnError(const Napi::Error & e) { reject_with_code(deferred_, code_, e.Message()); }

LayoutWorker::LayoutWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot, uint32_t width, uint32_t height)
    : Napi::AsyncWorker(noop(env)), slot_(std::move(slot)), width_(width), height_(height), deferred_(Napi::Promise::Deferred::New(env)) {}

void LayoutWorker::Execute() {
    const std::string err = with_engine(*slot_, code_, [&](VisionEngine & engine) { layout_ = engine.layout(width_, height_); });
    if (!err.empty()) SetError(err);
}

void LayoutWorker::OnOK() {
    Napi::Object out = Napi::Object::New(Env());
    out.Set("nx", layout_.nx);
    out.Set("ny", layout_.ny);
    out.Set("tokens", layout_.tokens);
    deferred_.Resolve(out);
}

void LayoutWorker::OnError(const Napi::Error & e) { reject_with_code(deferred_, code_, e.Message()); }

TokenizeWorker::TokenizeWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot, GenerateRequest req)
    : Napi::AsyncWorker(noop(env)), slot_(std::move(slot)), req_(std::move(req)), deferred_(Napi::Promise::Deferred::New(env)) {}

void TokenizeWorker::Execute() {
    const std::string err = with_engine(*slot_, code_, [&](VisionEngine & engine) { tokens_ = engine.tokenize(req_); });
    if (!err.empty()) SetError(err);
}

void TokenizeWorker::OnOK() {
    Napi::Array out = Napi::Array::New(Env(), tokens_.size());
    for (size_t i = 0; i < tokens_.size(); i++) out.Set((uint32_t) i, tokens_[i]);
    deferred_.Resolve(out);
}

void TokenizeWorker::OnError(const Napi::Error & e) { reject_with_code(deferred_, code_, e.Message()); }

DisposeWorker::DisposeWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot)
    : Napi::AsyncWorker(noop(env)), slot_(std::move(slot)), deferred_(Napi::Promise::Deferred::New(env)) {}

void DisposeWorker::Execute() {
    std::lock_guard<std::mutex> lock(slot_->work);
    std::unique_ptr<VisionEngine> engine;
    {
        std::lock_guard<std::mutex> p(slot_->ptr);
        engine = std::move(slot_->engine);
    }
    engine.reset();
}

void DisposeWorker::OnOK() { deferred_.Resolve(Env().Undefined()); }
