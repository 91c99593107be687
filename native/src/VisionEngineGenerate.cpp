#include <chrono>
#include <stdexcept>

#include "GreedySampler.h"
#include "LlamaBatch.h"
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

// Kept conversations live in sequence 0; a one-off request uses sequence 1 and leaves them be.
llama_seq_id seq_of(const GenerateRequest & req) { return req.keep_context ? 0 : 1; }

// Adds a sampled token's text to the answer; only whole UTF-8 characters go out to `on_text`
// (a token may end inside one), the rest waits in `pending` for the next token.
void append_token_text(const llama_vocab * vocab, llama_token tok, std::string & pending, GenerateResult & res,
                       const std::function<void(const std::string &)> & on_text) {
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
}
} // namespace

// A kept conversation that fails half-way is in an unknown state: forget it. A one-off
// request's cells are freed whatever happens.
struct VisionEngine::RequestCells {
    VisionEngine * engine;
    bool keep;
    bool armed = true;
    ~RequestCells() {
        if (!keep) llama_memory_seq_rm(llama_get_memory(engine->ctx_), 1, -1, -1);
        else if (armed) engine->forget_context();
    }
};

GenerateResult VisionEngine::generate(const GenerateRequest & req, const std::function<void(const std::string &)> & on_text) {
    current_id_.store(req.id);
    GenerateResult res;
    const auto t_prepare = Clock::now();
    const Prompt prompt = read_prompt(req, res);
    size_t first_new = 0;
    llama_pos n_past = place_prompt(req, prompt.pieces, first_new, res);
    make_room(req, res);
    GreedySampler sampler(llama_model_get_vocab(model_), req.grammar);
    res.prepare_ms = ms_since(t_prepare);

    RequestCells cells{this, req.keep_context};
    if (!prefill(req, prompt, first_new, n_past, res)) {
        res.stop_reason = "cancelled";
        return res;
    }
    res.context_tokens = 0;
    if (req.keep_context) for (const auto & p : kept_) res.context_tokens += p.n_tokens;
    sample_answer(req, sampler, n_past, on_text, res);
    // The answer's tokens stay in the context after the prompt; the next request's match ends
    // at the prompt and cuts them (its own copy of the answer is tokenized like the template does).
    cells.armed = false;
    return res;
}

// Decodes the prompt from its first new piece on. Returns false when the request was cancelled.
bool VisionEngine::prefill(const GenerateRequest & req, const Prompt & prompt, size_t first_new, llama_pos & n_past, GenerateResult & res) {
    // Only a kept conversation on a model that cannot cut its state keeps image embeddings, and
    // only this prompt's: the screenshots the next step may have to read again.
    const bool keep_embd = req.keep_context && std::string(memory_kind()) != "kv";
    if (keep_embd) keep_embeddings_of(prompt.pieces);
    LlamaBatch batch((int32_t) params_.n_batch);
    const size_t n_chunks = mtmd_input_chunks_size(prompt.chunks.get());
    const size_t start_chunk = first_new < prompt.pieces.size() ? prompt.origin[first_new].first : n_chunks;
    for (size_t c = start_chunk; c < n_chunks; c++) {
        if (cancelled()) return false;
        const mtmd_input_chunk * chunk = mtmd_input_chunks_get(prompt.chunks.get(), c);
        const bool done = mtmd_input_chunk_get_type(chunk) == MTMD_INPUT_CHUNK_TYPE_TEXT
                              ? prefill_text(req, chunk, c == start_chunk ? prompt.origin[first_new].second : 0, c + 1 == n_chunks, batch, n_past, res)
                              : prefill_image(req, chunk, keep_embd, n_past, res);
        if (!done) return false;
    }
    return true;
}

// Decodes a text chunk's tokens from `offset` on (logits only after the prompt's `last` token).
bool VisionEngine::prefill_text(const GenerateRequest & req, const mtmd_input_chunk * chunk, size_t offset, bool last, LlamaBatch & batch,
                                llama_pos & n_past, GenerateResult & res) {
    size_t n = 0;
    const llama_token * tokens = mtmd_input_chunk_get_tokens_text(chunk, &n);
    const llama_pos p0 = n_past;
    const auto t0 = Clock::now();
    const int32_t ret = batch.decode_text(ctx_, tokens + offset, n - offset, (int32_t) params_.n_batch, n_past, last, seq_of(req));
    res.prefill_ms += ms_since(t0);
    if (ret == 2 && cancelled()) return false;
    if (ret != 0) throw std::runtime_error("llama_decode failed on the prompt (" + std::to_string(ret) + ")");
    if (!req.keep_context) return true;
    for (size_t k = offset; k < n; k++) {
        Piece p;
        p.token = tokens[k];
        p.pos0 = p0 + (llama_pos) (k - offset);
        p.pos1 = p.pos0 + 1;
        kept_.push_back(p);
    }
    return true;
}

// Encodes an image chunk (or takes its kept embeddings) and decodes the embeddings.
bool VisionEngine::prefill_image(const GenerateRequest & req, const mtmd_input_chunk * chunk, bool keep_embd, llama_pos & n_past, GenerateResult & res) {
    const char * chunk_id = mtmd_input_chunk_get_id(chunk);
    const std::string image_id = chunk_id && *chunk_id ? chunk_id : "img-unnamed";
    const auto cached = keep_embd ? kept_embd_.find(image_id) : kept_embd_.end();
    float * embd = nullptr;
    if (cached != kept_embd_.end()) {
        embd = cached->second.data();
    } else {
        const auto t0 = Clock::now();
        if (mtmd_encode_chunk(mtmd_, chunk) != 0) throw std::runtime_error("encoding the image failed");
        res.encoded_images++;
        res.encode_ms += ms_since(t0);
        embd = mtmd_get_output_embd(mtmd_);
        if (keep_embd) {
            const size_t n = mtmd_input_chunk_get_n_tokens(chunk) * (size_t) llama_model_n_embd_inp(model_);
            embd = kept_embd_.insert_or_assign(image_id, std::vector<float>(embd, embd + n)).first->second.data();
        }
    }
    if (cancelled()) return false;
    const auto t1 = Clock::now();
    llama_pos new_n_past = n_past;
    const int32_t ret = mtmd_helper_decode_image_chunk(mtmd_, ctx_, chunk, embd, n_past, seq_of(req),
                                                       (int32_t) params_.n_batch, &new_n_past, nullptr, nullptr);
    res.prefill_ms += ms_since(t1);
    if (ret != 0 && cancelled()) return false;
    if (ret != 0) throw std::runtime_error("decoding the image embeddings failed (" + std::to_string(ret) + ")");
    Piece p;
    p.image_id = image_id;
    p.n_tokens = (int32_t) mtmd_input_chunk_get_n_tokens(chunk);
    p.pos0 = n_past;
    p.pos1 = new_n_past;
    if (req.keep_context) kept_.push_back(p);
    n_past = new_n_past;
    return true;
}

// Samples the answer token by token until the end of generation, maxTokens or a cancel.
void VisionEngine::sample_answer(const GenerateRequest & req, GreedySampler & sampler, llama_pos n_past,
                                 const std::function<void(const std::string &)> & on_text, GenerateResult & res) {
    const llama_vocab * vocab = llama_model_get_vocab(model_);
    const auto t_decode = Clock::now();
    std::string pending;
    LlamaBatch one(1);
    res.stop_reason = "maxTokens";
    for (int32_t i = 0; i < req.max_tokens; i++) {
        if (cancelled()) { res.stop_reason = "cancelled"; break; }
        const llama_token tok = sampler.sample(ctx_);
        if (llama_vocab_is_eog(vocab, tok)) { res.stop_reason = "eog"; break; }
        res.generated_tokens++;
        append_token_text(vocab, tok, pending, res, on_text);
        if (i + 1 == req.max_tokens) break;
        const llama_token toks[] = {tok};
        const int32_t ret = one.decode_text(ctx_, toks, 1, 1, n_past, true, seq_of(req));
        if (ret == 2 && cancelled()) { res.stop_reason = "cancelled"; break; }
        if (ret != 0) throw std::runtime_error("llama_decode failed while generating (" + std::to_string(ret) + ")");
    }
    if (!pending.empty()) res.text += pending;
    res.decode_ms = ms_since(t_decode);
}
