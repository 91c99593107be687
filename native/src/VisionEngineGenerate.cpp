#include <chrono>
#include <memory>
#include <stdexcept>

#include "GreedySampler.h"
#include "VisionEngine.h"
#include "Utf8.h"
#include "llama.h"
#include "mtmd-helper.h"
#include "mtmd.h"

namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}
struct ChunksDeleter { void operator()(mtmd_input_chunks * c) const { mtmd_input_chunks_free(c); } };
struct BitmapDeleter { void operator()(mtmd_bitmap * b) const { mtmd_bitmap_free(b); } };
struct Batch {
    llama_batch b;
    explicit Batch(int32_t n) : b(llama_batch_init(n, 0, 1)) {}
    ~Batch() { llama_batch_free(b); }
};

// Decodes text tokens at explicit positions (M-RoPE: positions are not token counts after an image).
int32_t decode_text(llama_context * ctx, Batch & batch, const llama_token * tokens, size_t n, int32_t n_batch,
                    llama_pos & n_past, bool logits_last) {
    for (size_t i = 0; i < n;) {
        batch.b.n_tokens = 0;
        for (; i < n && batch.b.n_tokens < n_batch; i++) {
            const int32_t j = batch.b.n_tokens++;
            batch.b.token[j] = tokens[i];
            batch.b.pos[j] = n_past++;
            batch.b.n_seq_id[j] = 1;
            batch.b.seq_id[j][0] = 0;
            batch.b.logits[j] = logits_last && i + 1 == n;
        }
        if (const int32_t ret = llama_decode(ctx, batch.b); ret != 0) return ret;
    }
    return 0;
}
} // namespace

GenerateResult VisionEngine::generate(const GenerateRequest & req, const std::function<void(const std::string &)> & on_text) {
    current_id_.store(req.id);
    GenerateResult res;
    const auto t_prepare = Clock::now();
    std::string prompt = format_prompt(req);
    const std::string marker = mtmd_default_marker();
    std::unique_ptr<mtmd_bitmap, BitmapDeleter> bitmap;
    if (!req.rgb.empty()) {
        if (req.rgb.size() != (size_t) req.width * req.height * 3) throw std::invalid_argument("image buffer size does not match width*height*3");
        if (prompt.find(marker) == std::string::npos) throw std::invalid_argument("the prompt has no image marker " + marker);
        bitmap.reset(mtmd_bitmap_init(req.width, req.height, req.rgb.data()));
    } else if (prompt.find(marker) != std::string::npos) {
        throw std::invalid_argument("the prompt has an image marker but no image was given");
    }
    std::unique_ptr<mtmd_input_chunks, ChunksDeleter> chunks(mtmd_input_chunks_init());
    mtmd_input_text text{prompt.c_str(), prompt.size(), req.messages.empty(), true};
    const mtmd_bitmap * bitmaps[] = {bitmap.get()};
    if (mtmd_tokenize(mtmd_, chunks.get(), &text, bitmaps, bitmap ? 1 : 0) != 0) throw std::runtime_error("tokenizing the prompt failed");
    res.prompt_tokens = (int32_t) mtmd_helper_get_n_tokens(chunks.get());
    if ((uint32_t) (res.prompt_tokens + req.max_tokens) > n_ctx()) {
        throw std::length_error("prompt (" + std::to_string(res.prompt_tokens) + " tokens) + maxTokens (" + std::to_string(req.max_tokens) +
                                ") exceed the context size " + std::to_string(n_ctx()) + "; raise contextSize or lower maxImageTokens");
    }
    const llama_vocab * vocab = llama_model_get_vocab(model_);
    GreedySampler sampler(vocab, req.grammar);
    res.prepare_ms = ms_since(t_prepare);

    llama_memory_clear(llama_get_memory(ctx_), true);
    Batch batch((int32_t) params_.n_batch);
    llama_pos n_past = 0;
    const size_t n_chunks = mtmd_input_chunks_size(chunks.get());
    for (size_t i = 0; i < n_chunks; i++) {
        if (cancelled()) { res.stop_reason = "cancelled"; return res; }
        const mtmd_input_chunk * chunk = mtmd_input_chunks_get(chunks.get(), i);
        const bool last = i + 1 == n_chunks;
        if (mtmd_input_chunk_get_type(chunk) == MTMD_INPUT_CHUNK_TYPE_TEXT) {
            size_t n = 0;
            const llama_token * tokens = mtmd_input_chunk_get_tokens_text(chunk, &n);
            const auto t0 = Clock::now();
            const int32_t ret = decode_text(ctx_, batch, tokens, n, (int32_t) params_.n_batch, n_past, last);
            res.prefill_ms += ms_since(t0);
            if (ret == 2 && cancelled()) { res.stop_reason = "cancelled"; return res; }
            if (ret != 0) throw std::runtime_error("llama_decode failed on the prompt (" + std::to_string(ret) + ")");
        } else {
            if (last) throw std::invalid_argument("the prompt must not end with the image");
            const auto * img = mtmd_input_chunk_get_tokens_image(chunk);
            res.image_tokens = (int32_t) mtmd_image_tokens_get_n_tokens(img);
            const auto pos = mtmd_image_tokens_get_decoder_pos(img, 0, res.image_tokens - 1);
            res.image_nx = (int32_t) pos.x + 1;
            res.image_ny = (int32_t) pos.y + 1;
            const auto t0 = Clock::now();
            if (mtmd_encode_chunk(mtmd_, chunk) != 0) throw std::runtime_error("encoding the image failed");
            res.encode_ms += ms_since(t0);
            if (cancelled()) { res.stop_reason = "cancelled"; return res; }
            const auto t1 = Clock::now();
            llama_pos new_n_past = n_past;
            const int32_t ret = mtmd_helper_decode_image_chunk(mtmd_, ctx_, chunk, mtmd_get_output_embd(mtmd_), n_past, 0,
                                                               (int32_t) params_.n_batch, &new_n_past, nullptr, nullptr);
            res.prefill_ms += ms_since(t1);
            if (ret != 0 && cancelled()) { res.stop_reason = "cancelled"; return res; }
            if (ret != 0) throw std::runtime_error("decoding the image embeddings failed (" + std::to_string(ret) + ")");
            n_past = new_n_past;
        }
    }

    const auto t_decode = Clock::now();
    std::string pending;
    Batch one(1);
    res.stop_reason = "maxTokens";
    for (int32_t i = 0; i < req.max_tokens; i++) {
        if (cancelled()) { res.stop_reason = "cancelled"; break; }
        const llama_token tok = sampler.sample(ctx_);
        if (llama_vocab_is_eog(vocab, tok)) { res.stop_reason = "eog"; break; }
        res.generated_tokens++;
        char buf[256];
        const int32_t n = llama_token_to_piece(vocab, tok, buf, sizeof(buf), 0, true);
        if (n > 0) pending.append(buf, n);
        const size_t complete = utf8_complete_prefix(pending);
        if (complete > 0) {
            const std::string piece = pending.substr(0, complete);
            res.text += piece;
            pending.erase(0, complete);
            if (on_text) on_text(piece);
        }
        if (i + 1 == req.max_tokens) break;
        const llama_token toks[] = {tok};
        const int32_t ret = decode_text(ctx_, one, toks, 1, 1, n_past, true);
        if (ret == 2 && cancelled()) { res.stop_reason = "cancelled"; break; }
        if (ret != 0) throw std::runtime_error("llama_decode failed while generating (" + std::to_string(ret) + ")");
    }
    if (!pending.empty()) res.text += pending;
    res.decode_ms = ms_since(t_decode);
    return res;
}
