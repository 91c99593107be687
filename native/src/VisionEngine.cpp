#include "VisionEngine.h"

#include <chrono>
#include <stdexcept>
#include <thread>

#include "EngineLog.h"
#include "Utf8.h"
#include "llama.h"
#include "mtmd-helper.h"
#include "mtmd.h"

namespace {
std::runtime_error load_error(const std::string & what) {
    const std::string log = engine_log_errors();
    return std::runtime_error(log.empty() ? what : what + ": " + log);
}

struct ChunksDeleter { void operator()(mtmd_input_chunks * c) const { mtmd_input_chunks_free(c); } };
struct BitmapDeleter { void operator()(mtmd_bitmap * b) const { mtmd_bitmap_free(b); } };
using ChunksPtr = std::unique_ptr<mtmd_input_chunks, ChunksDeleter>;
using BitmapPtr = std::unique_ptr<mtmd_bitmap, BitmapDeleter>;
} // namespace

VisionEngine::VisionEngine(const EngineParams & params) : params_(params) {
    engine_log_clear_errors();
    const int32_t threads = params.n_threads > 0 ? params.n_threads : (int32_t) std::max(1u, std::thread::hardware_concurrency());

    llama_model_params mp = llama_model_default_params();
    mp.n_gpu_layers = params.gpu_layers;
    model_ = llama_model_load_from_file(params.model_path.c_str(), mp);
    if (!model_) throw load_error("failed to load the text model " + params.model_path);

    llama_context_params cp = llama_context_default_params();
    cp.n_ctx = params.n_ctx;
    cp.n_batch = params.n_batch;
    cp.n_ubatch = params.n_batch;
    cp.n_threads = threads;
    cp.n_threads_batch = threads;
    cp.no_perf = true;
    // Sequence 0 is the kept conversation (keep_context requests); sequence 1 serves one-off
    // requests (grounding, target checks) without disturbing it. One shared pool of cells.
    cp.n_seq_max = 2;
    cp.kv_unified = true;
    ctx_ = llama_init_from_model(model_, cp);
    if (!ctx_) {
        llama_model_free(model_);
        throw load_error("failed to create a context for " + params.model_path);
    }
    llama_set_abort_callback(ctx_, &VisionEngine::abort_callback, this);

    mtmd_context_params mcp = mtmd_context_params_default();
    mcp.use_gpu = params.vision_gpu;
    mcp.n_threads = threads;
    mcp.print_timings = false;
    mcp.warmup = params.warmup;
    if (params.image_min_tokens > 0) mcp.image_min_tokens = params.image_min_tokens;
    if (params.image_max_tokens > 0) mcp.image_max_tokens = params.image_max_tokens;
    mtmd_ = mtmd_init_from_file(params.mmproj_path.c_str(), model_, mcp);
    if (!mtmd_ || !mtmd_support_vision(mtmd_)) {
        const auto err = load_error("failed to load the vision projector " + params.mmproj_path);
        if (mtmd_) mtmd_free(mtmd_);
        llama_free(ctx_);
        llama_model_free(model_);
        throw err;
    }
}

VisionEngine::~VisionEngine() {
    if (mtmd_) mtmd_free(mtmd_);
    if (ctx_) llama_free(ctx_);
    if (model_) llama_model_free(model_);
}

int32_t VisionEngine::n_embd() const { return llama_model_n_embd(model_); }
const llama_vocab * VisionEngine::vocab() const { return llama_model_get_vocab(model_); }
uint32_t VisionEngine::n_ctx() const { return llama_n_ctx(ctx_); }

bool VisionEngine::abort_callback(void * self) {
    return static_cast<VisionEngine *>(self)->cancelled();
}

std::string VisionEngine::format_prompt(const GenerateRequest & req) const {
    if (req.messages.empty()) return req.raw_prompt;
    const char * tmpl = llama_model_chat_template(model_, nullptr);
    if (!tmpl) throw std::runtime_error("the model has no chat template (tokenizer.chat_template); pass a raw prompt");
    std::vector<llama_chat_message> msgs;
    size_t total = 0;
    for (const auto & m : req.messages) {
        msgs.push_back({m.role.c_str(), m.content.c_str()});
        total += m.content.size() + m.role.size() + 32;
    }
    std::vector<char> buf(total * 2 + 1024);
    int32_t n = llama_chat_apply_template(tmpl, msgs.data(), msgs.size(), true, buf.data(), (int32_t) buf.size());
    if (n < 0) throw std::runtime_error("llama.cpp does not support this model's chat template; pass a raw prompt");
    if (n > (int32_t) buf.size()) {
        buf.resize(n + 1);
        n = llama_chat_apply_template(tmpl, msgs.data(), msgs.size(), true, buf.data(), (int32_t) buf.size());
    }
    return std::string(buf.data(), n);
}

ImageLayout VisionEngine::layout(uint32_t width, uint32_t height) {
    // tokenizing a placeholder-free bitmap runs mtmd's own resize, so this is the real layout
    std::vector<uint8_t> rgb((size_t) width * height * 3, 0);
    BitmapPtr bitmap(mtmd_bitmap_init(width, height, rgb.data()));
    ChunksPtr chunks(mtmd_input_chunks_init());
    const std::string text = mtmd_default_marker();
    mtmd_input_text input{text.c_str(), text.size(), false, true};
    const mtmd_bitmap * bitmaps[] = {bitmap.get()};
    if (mtmd_tokenize(mtmd_, chunks.get(), &input, bitmaps, 1) != 0) throw std::runtime_error("mtmd_tokenize failed for the image");
    ImageLayout out;
    for (size_t i = 0; i < mtmd_input_chunks_size(chunks.get()); i++) {
        const auto * chunk = mtmd_input_chunks_get(chunks.get(), i);
        if (mtmd_input_chunk_get_type(chunk) != MTMD_INPUT_CHUNK_TYPE_IMAGE) continue;
        const auto * img = mtmd_input_chunk_get_tokens_image(chunk);
        out.tokens = (int32_t) mtmd_image_tokens_get_n_tokens(img);
        const auto last = mtmd_image_tokens_get_decoder_pos(img, 0, out.tokens - 1);
        out.nx = (int32_t) last.x + 1;
        out.ny = (int32_t) last.y + 1;
    }
    return out;
}
