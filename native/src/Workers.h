// Off-JS-thread jobs on one EngineSlot; each settles a Promise.
#pragma once

#include <napi.h>

#include <memory>
#include <string>

#include "EngineSlot.h"

// Rejects with an Error whose `code` says what kind of failure it was.
void reject_with_code(Napi::Promise::Deferred & deferred, const std::string & code, const std::string & message);

class LoadWorker : public Napi::AsyncWorker {
public:
    LoadWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot, EngineParams params);
    Napi::Promise promise() { return deferred_.Promise(); }
    void Execute() override;
    void OnOK() override;
    void OnError(const Napi::Error & e) override;

private:
    std::shared_ptr<EngineSlot> slot_;
    EngineParams params_;
    Napi::Promise::Deferred deferred_;
    std::string code_ = "LOAD_FAILED";
    int32_t n_embd_ = 0;
    uint32_t n_ctx_ = 0;
    std::string memory_ = "kv";
    EnginePlacement placement_;
};

class GenerateWorker : public Napi::AsyncProgressQueueWorker<char> {
public:
    GenerateWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot, GenerateRequest req, Napi::Function on_text);
    Napi::Promise promise() { return deferred_.Promise(); }
    void Execute(const ExecutionProgress & progress) override;
    void OnProgress(const char * data, size_t count) override;
    void OnOK() override;
    void OnError(const Napi::Error & e) override;

private:
    std::shared_ptr<EngineSlot> slot_;
    GenerateRequest req_;
    Napi::FunctionReference on_text_;
    Napi::Promise::Deferred deferred_;
    GenerateResult result_;
    std::string code_ = "ENGINE_ERROR";
};

class LayoutWorker : public Napi::AsyncWorker {
public:
    LayoutWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot, uint32_t width, uint32_t height);
    Napi::Promise promise() { return deferred_.Promise(); }
    void Execute() override;
    void OnOK() override;
    void OnError(const Napi::Error & e) override;

private:
    std::shared_ptr<EngineSlot> slot_;
    uint32_t width_, height_;
    Napi::Promise::Deferred deferred_;
    ImageLayout layout_;
    std::string code_ = "ENGINE_ERROR";
};

class TokenizeWorker : public Napi::AsyncWorker {
public:
    TokenizeWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot, GenerateRequest req);
    Napi::Promise promise() { return deferred_.Promise(); }
    void Execute() override;
    void OnOK() override;
    void OnError(const Napi::Error & e) override;

private:
    std::shared_ptr<EngineSlot> slot_;
    GenerateRequest req_;
    Napi::Promise::Deferred deferred_;
    std::vector<int32_t> tokens_;
    std::string code_ = "ENGINE_ERROR";
};

class DisposeWorker : public Napi::AsyncWorker {
public:
    DisposeWorker(Napi::Env env, std::shared_ptr<EngineSlot> slot);
    Napi::Promise promise() { return deferred_.Promise(); }
    void Execute() override;
    void OnOK() override;

private:
    std::shared_ptr<EngineSlot> slot_;
    Napi::Promise::Deferred deferred_;
};
