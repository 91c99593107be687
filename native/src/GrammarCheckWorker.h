// grammarAccepts(grammar, text) off the JS thread, under the model's work lock (the vocabulary
// must outlive the check, and dispose() takes the same lock).
#pragma once

#include <napi.h>

#include <memory>
#include <string>

#include "EngineSlot.h"
#include "GrammarCheck.h"

class GrammarCheckWorker : public Napi::AsyncWorker {
public:
    GrammarCheckWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot, std::string grammar, std::string text);
    Napi::Promise promise() { return deferred_.Promise(); }
    void Execute() override;
    void OnOK() override;
    void OnError(const Napi::Error & e) override;

private:
    std::shared_ptr<EngineSlot> slot_;
    std::string grammar_, text_;
    Napi::Promise::Deferred deferred_;
    GrammarCheckResult result_;
    std::string code_ = "ENGINE_ERROR";
};
