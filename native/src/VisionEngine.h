// The llama.cpp + mtmd engine behind one loaded model: plain C++, no N-API. Not thread-safe:
// the owner serializes calls (VisionModelWrap runs one job at a time per engine).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct llama_model;
struct llama_context;
struct mtmd_context;
struct mtmd_input_chunk;
struct mtmd_input_chunks;
struct mtmd_bitmap;
struct llama_vocab;
struct LlamaBatch;
class GreedySampler;

struct EngineParams {
    std::string model_path;
    std::string mmproj_path;
    int32_t gpu_layers = 0;      // -1: all layers
    uint32_t n_ctx = 8192;
    uint32_t n_batch = 2048;     // tokens per llama_decode call (prompt chunks, image embeddings)
    // Tokens per physical compute step. llama.cpp sizes its compute buffer for one ubatch, so this
    // (with n_outputs_max below) bounds it; 512 is llama.cpp's own default (common.h).
    uint32_t n_ubatch = 512;
    // Logit rows one decode may ask for: ours ask for the last prompt token only, and llama.cpp
    // otherwise reserves n_ubatch x n_vocab floats (300 MB at 512 for Qwen's 151,936 tokens).
    uint32_t n_outputs_max = 2;
    int32_t n_threads = 0;       // 0: hardware concurrency
    int32_t image_min_tokens = 0; // 0: the projector's default
    int32_t image_max_tokens = 0;
    bool vision_gpu = true;
    bool warmup = true;
    // The ggml devices the engine may use, by name ("Vulkan0", "CUDA0"), when `devices_given`;
    // an empty list keeps everything on the CPU. Otherwise llama.cpp's default: every GPU device.
    // DeskPilot always gives the list, so a device it did not choose (a software Vulkan device,
    // a second backend's view of the same GPU) is never used behind its back.
    std::vector<std::string> devices;
    bool devices_given = false;
};

// Where a loaded engine put its parts, as llama.cpp computed it (not as the caller asked).
struct EnginePlacement {
    std::vector<std::string> text_devices; // the devices the text model's offloaded layers are on
    int32_t layers_offloaded = 0;          // text layers (the output layer counts as one) off the CPU
    int32_t layers_total = 0;
    std::string vision_backend;            // the backend mtmd's vision encoder runs on ("CPU", "Vulkan0")
};

struct ChatMessage {
    std::string role;
    std::string content;
};

struct RgbImage {
    std::vector<uint8_t> rgb; // width*height*3
    uint32_t width = 0;
    uint32_t height = 0;
};

struct GenerateRequest {
    int64_t id = 0;
    std::vector<ChatMessage> messages; // formatted with the GGUF's chat template
    std::string raw_prompt;            // used verbatim when messages is empty
    std::vector<RgbImage> images;      // one per media marker, in order
    std::string grammar;               // GBNF, root rule "root"; empty: unconstrained
    int32_t max_tokens = 256;
    // Reuse what the context already holds from the previous keep_context request: the longest
    // common prefix is not decoded again, and an image the new prompt leaves out (with the
    // control tokens around it) is cut out of the context instead of re-decoding what follows.
    bool keep_context = false;
};

struct GenerateResult {
    std::string text;
    std::string stop_reason; // "eog" | "maxTokens" | "cancelled"
    int32_t prompt_tokens = 0;
    int32_t image_tokens = 0;
    int32_t image_nx = 0; // image tokens along x (frame width = nx * patch * merge)
    int32_t image_ny = 0;
    int32_t generated_tokens = 0;
    int32_t reused_tokens = 0;  // prompt tokens served from the kept context
    int32_t context_tokens = 0; // tokens the context holds after the prompt
    int32_t encoded_images = 0; // images encoded for this request (the others were kept)
    // keep_context only: the context held a usable prefix, but llama.cpp refused to erase part of
    // it (a recurrent or hybrid model's state cannot be cut), so the whole prompt was read again.
    bool erase_refused = false;
    double prepare_ms = 0, encode_ms = 0, prefill_ms = 0, decode_ms = 0;
};

struct ImageLayout {
    int32_t nx = 0, ny = 0, tokens = 0;
};

class VisionEngine {
public:
    // Throws std::runtime_error with llama.cpp's own error text when loading fails.
    explicit VisionEngine(const EngineParams & params);
    ~VisionEngine();
    VisionEngine(const VisionEngine &) = delete;
    VisionEngine & operator=(const VisionEngine &) = delete;

    GenerateResult generate(const GenerateRequest & req, const std::function<void(const std::string &)> & on_text);
    ImageLayout layout(uint32_t width, uint32_t height);
    // The prompt's tokens as generate() would decode them; each image is one -1.
    std::vector<int32_t> tokenize(const GenerateRequest & req);
    void cancel(int64_t id) { cancel_id_.store(id); }
    int32_t n_embd() const;
    // How the model keeps its context: "kv" (a KV cache, partly erasable), "recurrent" (one
    // state per sequence, e.g. Mamba) or "hybrid" (both, e.g. Qwen3.5's gated delta net).
    const char * memory_kind() const;
    uint32_t n_ctx() const;
    const EnginePlacement & placement() const { return placement_; }
    const llama_vocab * vocab() const; // the text model's; lives as long as the engine

private:
    // One prompt token (text) or one whole image in the context, with its position range.
    struct Piece {
        int32_t token = -1;      // text (a llama_token)
        std::string image_id;    // image: content hash, non-empty
        int32_t n_tokens = 1;
        int32_t pos0 = 0, pos1 = 0; // [pos0, pos1)
        bool same(const Piece & o) const { return token == o.token && image_id == o.image_id; }
    };
    struct ChunksFree {
        void operator()(mtmd_input_chunks * c) const;
    };
    // One request's prompt, tokenized: mtmd's chunks, and the same prompt as pieces.
    struct Prompt {
        std::vector<std::shared_ptr<mtmd_bitmap>> bitmaps; // declared first: they outlive the chunks
        std::unique_ptr<mtmd_input_chunks, ChunksFree> chunks;
        std::vector<Piece> pieces;                     // one per text token, one per image
        std::vector<std::pair<size_t, size_t>> origin; // where each piece starts: (chunk, token offset)
    };
    struct RequestCells;

    // generate()'s steps, in order (VisionEngineGenerate.cpp; the prompt's in
    // VisionEnginePrompt.cpp, the context's in VisionEngineContext.cpp).
    Prompt read_prompt(const GenerateRequest & req, GenerateResult & res) const;
    int32_t place_prompt(const GenerateRequest & req, const std::vector<Piece> & want, size_t & first_new, GenerateResult & res);
    void make_room(const GenerateRequest & req, const GenerateResult & res);
    bool prefill(const GenerateRequest & req, const Prompt & prompt, size_t first_new, int32_t & n_past, GenerateResult & res);
    bool prefill_text(const GenerateRequest & req, const mtmd_input_chunk * chunk, size_t offset, bool last, LlamaBatch & batch,
                      int32_t & n_past, GenerateResult & res);
    bool prefill_image(const GenerateRequest & req, const mtmd_input_chunk * chunk, bool keep_embd, int32_t & n_past, GenerateResult & res);
    void sample_answer(const GenerateRequest & req, GreedySampler & sampler, int32_t n_past,
                       const std::function<void(const std::string &)> & on_text, GenerateResult & res);

    int32_t reuse_context(const std::vector<Piece> & want, size_t & first_new, bool & refused);
    void keep_embeddings_of(const std::vector<Piece> & want);
    void forget_context();

    bool cancelled() const { return cancel_id_.load() == current_id_.load(); }
    // Tokenises the prompt into `chunks` (images at their markers); `bitmaps` must outlive them.
    void tokenize_prompt(const GenerateRequest & req, mtmd_input_chunks * chunks, std::vector<std::shared_ptr<mtmd_bitmap>> & bitmaps) const;
    static bool abort_callback(void * self);
    static ImageLayout image_layout(const mtmd_input_chunk * chunk);

    EngineParams params_;
    EnginePlacement placement_;
    llama_model * model_ = nullptr;
    llama_context * ctx_ = nullptr;
    mtmd_context * mtmd_ = nullptr;
    std::atomic<int64_t> cancel_id_{-1};
    std::atomic<int64_t> current_id_{-2};
    std::vector<Piece> kept_; // what the context holds, in position order (keep_context requests only)
    // A model whose state cannot be cut (recurrent, hybrid) reads a kept conversation again from
    // the start whenever an old screenshot leaves it; the vision encoder's output for the
    // conversation's images is kept here (by content id), so that re-read decodes them without
    // encoding them again. Holds only the last kept prompt's images.
    std::unordered_map<std::string, std::vector<float>> kept_embd_;
    std::vector<std::string> control_texts_; // the vocabulary's control tokens, as text (special only where the template wrote them)
};
