// JS class VisionModel: one loaded text model + mmproj. Every method that does work returns a
// Promise and runs on a worker thread; jobs on one model take turns on its lock.
#pragma once

#include <napi.h>

#include <memory>

#include "EngineSlot.h"

class VisionModelWrap : public Napi::ObjectWrap<VisionModelWrap> {
public:
    static Napi::Function Define(Napi::Env env);
    explicit VisionModelWrap(const Napi::CallbackInfo & info);

private:
    Napi::Value Load(const Napi::CallbackInfo & info);
    Napi::Value Generate(const Napi::CallbackInfo & info);
    Napi::Value Layout(const Napi::CallbackInfo & info);
    Napi::Value Tokenize(const Napi::CallbackInfo & info);
    Napi::Value GrammarAccepts(const Napi::CallbackInfo & info);
    Napi::Value Cancel(const Napi::CallbackInfo & info);
    Napi::Value Dispose(const Napi::CallbackInfo & info);

    std::shared_ptr<EngineSlot> slot_ = std::make_shared<EngineSlot>();
};
