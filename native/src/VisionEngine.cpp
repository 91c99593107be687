#include "VisionEngine.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "EngineLog.h"
#include "Utf8.h"
#include "ggml-backend.h"
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
    engine_log_clear_buffers();
    const int32_t threads = params.n_threads > 0 ? params.n_threads : (int32_t) std::max(1u, std::thread::hardware_concurrency());

    // llama.cpp reads a NULL-terminated device list; {nullptr} means none (CPU only).
    std::vector<ggml_backend_dev_t> devices;
    for (const std::string & name : params.devices) {
        ggml_backend_dev_t dev = ggml_backend_dev_by_name(name.c_str());
        if (!dev) throw load_error("no ggml device named " + name + " is loaded in this process");
        devices.push_back(dev);
    }
    devices.push_back(nullptr);
    llama_model_params mp = llama_model_default_params();
    mp.n_gpu_layers = params.gpu_layers;
    if (params.devices_given) mp.devices = devices.data();
    model_ = llama_model_load_from_file(params.model_path.c_str(), mp);
    if (!model_) throw load_error("failed to load the text model " + params.model_path);
    // The same arithmetic as llama_model::load_tensors (act_gpu_layers): its log line says
    // "offloaded N/M layers" from the requested count even when no device was there to take them.
    const int32_t n_layer_all = llama_model_n_layer(model_);
    placement_.layers_total = n_layer_all + 1;
    const bool any_device = params.devices_given ? !params.devices.empty() : ggml_backend_dev_count() > 1;
    if (any_device && llama_supports_gpu_offload()) {
        const int32_t asked = params.gpu_layers < 0 ? n_layer_all + 1 : params.gpu_layers;
        placement_.layers_offloaded = std::min(asked, n_layer_all + 1);
    }
    if (placement_.layers_offloaded > 0) {
        if (params.devices_given) placement_.text_devices = params.devices;
        else for (size_t i = 0; i < ggml_backend_dev_count(); i++) {
            ggml_backend_dev_t dev = ggml_backend_dev_get(i);
            if (ggml_backend_dev_type(dev) != GGML_BACKEND_DEVICE_TYPE_CPU) placement_.text_devices.emplace_back(ggml_backend_dev_name(dev));
        }
    }

    llama_context_params cp = llama_context_default_params();
    cp.n_ctx = params.n_ctx;
    cp.n_batch = params.n_batch;
    cp.n_ubatch = std::min(params.n_ubatch, params.n_batch);
    // Only the last prompt token of a decode call needs logits; llama-server caps it the same
    // way (one output per slot). A decode asking for more rows than this aborts in llama.cpp.
    cp.n_outputs_max = std::max<uint32_t>(1, std::min(params.n_outputs_max, cp.n_ubatch));
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
    mcp.use_gpu = params.vision_gpu && (!params.devices_given || !params.devices.empty());
    if (mcp.use_gpu && params.devices_given) mcp.device = devices.front();
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
    placement_.vision_backend = engine_log_clip_backend();
    const llama_vocab * vocab = llama_model_get_vocab(model_);
    for (llama_token t = 0; t < llama_vocab_n_tokens(vocab); t++) {
        const char * text = llama_vocab_get_text(vocab, t);
        if ((llama_vocab_get_attr(vocab, t) & LLAMA_TOKEN_ATTR_CONTROL) && text && *text) control_texts_.emplace_back(text);
    }
}

VisionEngine::~VisionEngine() {
    if (mtmd_) mtmd_free(mtmd_);
    if (ctx_) llama_free(ctx_);
    if (model_) llama_model_free(model_);
}

int32_t VisionEngine::n_embd() const { return llama_model_n_embd(model_); }
const char * VisionEngine::memory_kind() const {
    if (llama_model_is_hybrid(model_)) return "hybrid";
    return llama_model_is_recurrent(model_) ? "recurrent" : "kv";
}
const llama_vocab * VisionEngine::vocab() const { return llama_model_get_vocab(model_); }
uint32_t VisionEngine::n_ctx() const { return llama_n_ctx(ctx_); }

bool VisionEngine::abort_callback(void * self) {
    return static_cast<VisionEngine *>(self)->cancelled();
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
        if (mtmd_input_chunk_get_type(chunk) == MTMD_INPUT_CHUNK_TYPE_IMAGE) out = image_layout(chunk);
    }
    return out;
}

// An image chunk's token grid, read from the decoder position of its last token.
ImageLayout VisionEngine::image_layout(const mtmd_input_chunk * chunk) {
    const auto * img = mtmd_input_chunk_get_tokens_image(chunk);
    ImageLayout out;
    out.tokens = (int32_t) mtmd_image_tokens_get_n_tokens(img);
    const auto last = mtmd_image_tokens_get_decoder_pos(img, 0, out.tokens - 1);
    out.nx = (int32_t) last.x + 1;
    out.ny = (int32_t) last.y + 1;
    return out;
}
