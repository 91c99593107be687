#include "GrammarCheckWorker.h"

#include <stdexcept>

#include "Workers.h"

GrammarCheckWorker::GrammarCheckWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot, std::string grammar, std::string text)
    : Napi::AsyncWorker(Napi::Function::New(env, [](const Napi::CallbackInfo &) {})), slot_(std::move(slot)), grammar_(std::move(grammar)),
      text_(std::move(text)), deferred_(Napi::Promise::Deferred::New(env)) {}

void GrammarCheckWorker::Execute() {
    std::lock_guard<std::mutex> lock(slot_->work);
    if (!slot_->engine) {
        code_ = slot_->disposed ? "DISPOSED" : "NOT_LOADED";
        SetError(slot_->disposed ? "the model was disposed" : "the model is not loaded");
        return;
    }
    try {
        result_ = check_grammar(slot_->engine->vocab(), grammar_, text_);
    } catch (const std::invalid_argument & e) {
        code_ = "INVALID_REQUEST";
        SetError(e.what());
    } catch (const std::exception & e) {
        SetError(e.what());
    }
}

void GrammarCheckWorker::OnOK() {
    Napi::Env env = Env();
    Napi::Array tokens = Napi::Array::New(env, result_.tokens.size());
    for (size_t i = 0; i < result_.tokens.size(); i++) tokens.Set((uint32_t) i, Napi::String::New(env, result_.tokens[i]));
    const bool all = result_.rejected_at < 0;
    Napi::Object out = Napi::Object::New(env);
    out.Set("accepted", all && result_.can_end);
    out.Set("acceptedTokens", result_.accepted_tokens);
    if (!all) out.Set("rejectedAt", result_.rejected_at);
    out.Set("canEnd", result_.can_end);
    out.Set("tokens", tokens);
    deferred_.Resolve(out);
}

void GrammarCheckWorker::OnError(const Napi::Error & e) { reject_with_code(deferred_, code_, e.Message()); }
