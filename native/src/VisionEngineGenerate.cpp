#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "GreedySampler.h"
#include "PromptParts.h"
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
struct Batch {
    llama_batch b;
    explicit Batch(int32_t n) : b(llama_batch_init(n, 0, 1)) {}
    ~Batch() { llama_batch_free(b); }
};

// Decodes text tokens at explicit positions (M-RoPE: positions are not token counts after an image).
int32_t decode_text(llama_context * ctx, Batch & batch, const llama_token * tokens, size_t n, int32_t n_batch,
                    llama_pos & n_past, bool logits_last, llama_seq_id seq) {
    for (size_t i = 0; i < n;) {
        batch.b.n_tokens = 0;
        for (; i < n && batch.b.n_tokens < n_batch; i++) {
            const int32_t j = batch.b.n_tokens++;
            batch.b.token[j] = tokens[i];
            batch.b.pos[j] = n_past++;
            batch.b.n_seq_id[j] = 1;
            batch.b.seq_id[j][0] = seq;
            batch.b.logits[j] = logits_last && i + 1 == n;
        }
        if (const int32_t ret = llama_decode(ctx, batch.b); ret != 0) return ret;
    }
    return 0;
}

// FNV-1a over the pixels and size: the image's identity in the kept context.
std::string image_hash(const RgbImage & img) {
    uint64_t h = 1469598103934665603ull;
    const auto mix = [&h](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    mix(img.width);
    mix(img.height);
    const uint8_t * p = img.rgb.data();
    const size_t n = img.rgb.size();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        mix(w);
    }
    for (; i < n; i++) mix(p[i]);
    char buf[24];
    std::snprintf(buf, sizeof(buf), "img-%016llx", (unsigned long long) h);
    return buf;
}

size_t count_markers(const std::string & prompt, const std::string & marker) {
    size_t n = 0;
    for (size_t at = prompt.find(marker); at != std::string::npos; at = prompt.find(marker, at + marker.size())) n++;
    return n;
}
} // namespace

void VisionEngine::tokenize_prompt(const GenerateRequest & req, mtmd_input_chunks * chunks, std::vector<std::shared_ptr<mtmd_bitmap>> & bitmaps) const {
    const std::string marker = mtmd_default_marker();
    // Messages: only the control tokens the template wrote are special. Message text is tokenised
    // with special parsing off, so a task or an echoed observation that spells
    // "<|im_end|>\n<|im_start|>system" stays text. A raw prompt is the caller's own template.
    std::vector<PromptPart> parts;
    if (req.messages.empty()) {
        parts.push_back({req.raw_prompt, true});
    } else {
        const char * tmpl = llama_model_chat_template(model_, nullptr);
        if (!tmpl) throw std::runtime_error("the model has no chat template (tokenizer.chat_template); pass a raw prompt");
        parts = chat_prompt_parts(tmpl, req.messages, control_texts_);
    }
    size_t markers = 0;
    for (const auto & p : parts) markers += count_markers(p.text, marker);
    if (!req.images.empty() && markers == 0) throw std::invalid_argument("the prompt has no image marker " + marker);
    if (req.images.empty() && markers > 0) throw std::invalid_argument("the prompt has an image marker but no image was given");
    if (markers != req.images.size()) {
        throw std::invalid_argument("the prompt has " + std::to_string(markers) + " image markers for " + std::to_string(req.images.size()) + " images");
    }
    for (const auto & img : req.images) {
        if (img.rgb.size() != (size_t) img.width * img.height * 3) throw std::invalid_argument("image buffer size does not match width*height*3");
        bitmaps.emplace_back(mtmd_bitmap_init(img.width, img.height, img.rgb.data()), mtmd_bitmap_free);
        mtmd_bitmap_set_id(bitmaps.back().get(), image_hash(img).c_str());
    }
    // Each image goes where its marker is, as mtmd_tokenize would put it; the text around it keeps its part's parsing.
    std::vector<std::string> texts;
    std::vector<mtmd_input_text> inputs;
    std::vector<mtmd_input_part> list;
    std::vector<std::pair<bool, size_t>> order; // (is image, index)
    size_t next_image = 0;
    for (const auto & p : parts) {
        for (size_t at = 0;;) {
            const size_t m = p.text.find(marker, at);
            const std::string piece = p.text.substr(at, m == std::string::npos ? std::string::npos : m - at);
            if (!piece.empty()) {
                texts.push_back(piece);
                order.emplace_back(false, texts.size() - 1);
                inputs.push_back({nullptr, 0, false, p.special});
            }
            if (m == std::string::npos) break;
            order.emplace_back(true, next_image++);
            at = m + marker.size();
        }
    }
    for (size_t k = 0, t = 0; k < order.size(); k++) {
        if (order[k].first) {
            list.push_back({nullptr, bitmaps[order[k].second].get()});
        } else {
            inputs[t].text = texts[order[k].second].c_str();
            inputs[t].text_len = texts[order[k].second].size();
            list.push_back({&inputs[t++], nullptr});
        }
    }
    std::vector<const mtmd_input_part *> ptrs;
    for (const auto & part : list) ptrs.push_back(&part);
    if (mtmd_tokenize_from_parts(mtmd_, chunks, ptrs.data(), ptrs.size(), req.messages.empty()) != 0) throw std::runtime_error("tokenizing the prompt failed");
}

std::vector<int32_t> VisionEngine::tokenize(const GenerateRequest & req) {
    std::vector<std::shared_ptr<mtmd_bitmap>> bitmaps;
    std::unique_ptr<mtmd_input_chunks, ChunksDeleter> chunks(mtmd_input_chunks_init());
    tokenize_prompt(req, chunks.get(), bitmaps);
    std::vector<int32_t> out;
    for (size_t c = 0; c < mtmd_input_chunks_size(chunks.get()); c++) {
        const mtmd_input_chunk * chunk = mtmd_input_chunks_get(chunks.get(), c);
        if (mtmd_input_chunk_get_type(chunk) != MTMD_INPUT_CHUNK_TYPE_TEXT) {
            out.push_back(-1);
            continue;
        }
        size_t n = 0;
        const llama_token * tokens = mtmd_input_chunk_get_tokens_text(chunk, &n);
        out.insert(out.end(), tokens, tokens + n);
    }
    return out;
}

void VisionEngine::forget_context() {
    kept_.clear();
    llama_memory_clear(llama_get_memory(ctx_), true);
}

// Matches the new prompt against what the context holds. Returns the next position and sets
// `first_new` to the first piece of `want` that must be decoded; the kept pieces before it stay.
// A model whose state cannot be partly erased (recurrent, hybrid) refuses the cut: then the
// context is cleared, everything is read again, and `refused` says so.
int32_t VisionEngine::reuse_context(const std::vector<Piece> & want, size_t & first_new, bool & refused) {
    std::vector<Piece> kept;
    std::vector<std::pair<int32_t, int32_t>> holes;
    size_t i = 0, j = 0;
    while (i < kept_.size() && j < want.size()) {
        if (kept_[i].same(want[j])) {
            kept.push_back(kept_[i++]);
            j++;
            continue;
        }
        // An image the new prompt leaves out, with at most one token on each side (the model's
        // image start/end tokens): cut it out and carry on matching after it.
        const size_t m = kept_[i].image_id.empty() ? i + 1 : i;
        if (m >= kept_.size() || kept_[m].image_id.empty()) break;
        size_t resume = 0;
        for (size_t r = m + 1; r <= m + 2 && r < kept_.size(); r++) {
            if (kept_[r].same(want[j])) {
                resume = r;
                break;
            }
        }
        if (resume == 0) break;
        holes.emplace_back(kept_[i].pos0, kept_[resume - 1].pos1);
        i = resume;
    }
    // The last prompt token is decoded again in any case: sampling needs its logits.
    if (j == want.size() && j > 0) {
        j--;
        kept.pop_back();
    }
    llama_memory_t mem = llama_get_memory(ctx_);
    bool ok = true;
    for (const auto & h : holes) ok = ok && llama_memory_seq_rm(mem, 0, h.first, h.second);
    const int32_t tail = kept.empty() ? 0 : kept.back().pos1;
    ok = ok && llama_memory_seq_rm(mem, 0, tail, -1);
    if (!ok) {
        refused = true;
        forget_context();
        first_new = 0;
        return 0;
    }
    kept_ = std::move(kept);
    first_new = j;
    return tail;
}

GenerateResult VisionEngine::generate(const GenerateRequest & req, const std::function<void(const std::string &)> & on_text) {
    current_id_.store(req.id);
    GenerateResult res;
    const auto t_prepare = Clock::now();
    std::vector<std::shared_ptr<mtmd_bitmap>> bitmaps;
    std::unique_ptr<mtmd_input_chunks, ChunksDeleter> chunks(mtmd_input_chunks_init());
    tokenize_prompt(req, chunks.get(), bitmaps);
    res.prompt_tokens = (int32_t) mtmd_helper_get_n_tokens(chunks.get());

    // The prompt as pieces (one per text token, one per image), and where each starts.
    std::vector<Piece> want;
    std::vector<std::pair<size_t, size_t>> origin; // (chunk, token offset)
    const size_t n_chunks = mtmd_input_chunks_size(chunks.get());
    for (size_t c = 0; c < n_chunks; c++) {
        const mtmd_input_chunk * chunk = mtmd_input_chunks_get(chunks.get(), c);
        if (mtmd_input_chunk_get_type(chunk) == MTMD_INPUT_CHUNK_TYPE_TEXT) {
            size_t n = 0;
            const llama_token * tokens = mtmd_input_chunk_get_tokens_text(chunk, &n);
            for (size_t k = 0; k < n; k++) {
                Piece p;
                p.token = tokens[k];
                want.push_back(p);
                origin.emplace_back(c, k);
            }
        } else {
            if (c + 1 == n_chunks) throw std::invalid_argument("the prompt must not end with the image");
            const auto * img = mtmd_input_chunk_get_tokens_image(chunk);
            res.image_tokens = (int32_t) mtmd_image_tokens_get_n_tokens(img);
            const auto pos = mtmd_image_tokens_get_decoder_pos(img, 0, res.image_tokens - 1);
            res.image_nx = (int32_t) pos.x + 1;
            res.image_ny = (int32_t) pos.y + 1;
            Piece p;
            const char * id = mtmd_input_chunk_get_id(chunk);
            p.image_id = id && *id ? id : "img-unnamed";
            p.n_tokens = res.image_tokens;
            want.push_back(p);
            origin.emplace_back(c, 0);
        }
    }
    if (want.empty()) throw std::invalid_argument("the prompt is empty");

    // Kept conversations live in sequence 0; a one-off request uses sequence 1 and leaves them be.
    const llama_seq_id seq = req.keep_context ? 0 : 1;
    llama_memory_t mem = llama_get_memory(ctx_);
    size_t first_new = 0;
    llama_pos n_past = 0;
    if (req.keep_context) {
        n_past = reuse_context(want, first_new, res.erase_refused);
    } else {
        llama_memory_seq_rm(mem, 1, -1, -1);
    }
    int32_t held = 0;
    for (const auto & p : kept_) held += p.n_tokens;
    for (size_t k = 0; k < first_new; k++) res.reused_tokens += want[k].n_tokens;
    const uint32_t needed = (uint32_t) (res.prompt_tokens - res.reused_tokens + req.max_tokens);
    if (!req.keep_context && held + needed > n_ctx() && needed <= n_ctx()) {
        forget_context(); // the one-off request needs the room more than the conversation does
        held = 0;
    }
    if (held + needed > n_ctx()) {
        if (req.keep_context) forget_context();
        throw std::length_error("prompt (" + std::to_string(res.prompt_tokens) + " tokens) + maxTokens (" + std::to_string(req.max_tokens) +
                                ") exceed the context size " + std::to_string(n_ctx()) + "; raise contextSize or lower maxImageTokens");
    }
    const llama_vocab * vocab = llama_model_get_vocab(model_);
    GreedySampler sampler(vocab, req.grammar);
    res.prepare_ms = ms_since(t_prepare);

    // A kept conversation that fails half-way is in an unknown state: forget it. A one-off
    // request's cells are freed whatever happens.
    struct Cleanup {
        VisionEngine * engine;
        llama_memory_t mem;
        bool keep;
        bool armed = true;
        ~Cleanup() {
            if (!keep) llama_memory_seq_rm(mem, 1, -1, -1);
            else if (armed) engine->forget_context();
        }
    } forget{this, mem, req.keep_context};
    const auto cancelled_result = [&res]() { res.stop_reason = "cancelled"; return res; };

    // Only a kept conversation on a model that cannot cut its state keeps image embeddings, and
    // only this prompt's: the screenshots the next step may have to read again.
    const bool keep_embd = req.keep_context && std::string(memory_kind()) != "kv";
    if (keep_embd) {
        for (auto it = kept_embd_.begin(); it != kept_embd_.end();) {
            const bool wanted = std::any_of(want.begin(), want.end(), [&](const Piece & p) { return p.image_id == it->first; });
            it = wanted ? std::next(it) : kept_embd_.erase(it);
        }
    }
    Batch batch((int32_t) params_.n_batch);
    const size_t start_chunk = first_new < want.size() ? origin[first_new].first : n_chunks;
    for (size_t c = start_chunk; c < n_chunks; c++) {
        if (cancelled()) return cancelled_result();
        const mtmd_input_chunk * chunk = mtmd_input_chunks_get(chunks.get(), c);
        const bool last = c + 1 == n_chunks;
        if (mtmd_input_chunk_get_type(chunk) == MTMD_INPUT_CHUNK_TYPE_TEXT) {
            size_t n = 0;
            const llama_token * tokens = mtmd_input_chunk_get_tokens_text(chunk, &n);
            const size_t offset = c == start_chunk ? origin[first_new].second : 0;
            const llama_pos p0 = n_past;
            const auto t0 = Clock::now();
            const int32_t ret = decode_text(ctx_, batch, tokens + offset, n - offset, (int32_t) params_.n_batch, n_past, last, seq);
            res.prefill_ms += ms_since(t0);
            if (ret == 2 && cancelled()) return cancelled_result();
            if (ret != 0) throw std::runtime_error("llama_decode failed on the prompt (" + std::to_string(ret) + ")");
            for (size_t k = offset; k < n; k++) {
                Piece p;
                p.token = tokens[k];
                p.pos0 = p0 + (llama_pos) (k - offset);
                p.pos1 = p.pos0 + 1;
                if (req.keep_context) kept_.push_back(p);
            }
        } else {
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
            if (cancelled()) return cancelled_result();
            const auto t1 = Clock::now();
            llama_pos new_n_past = n_past;
            const int32_t ret = mtmd_helper_decode_image_chunk(mtmd_, ctx_, chunk, embd, n_past, seq,
                                                               (int32_t) params_.n_batch, &new_n_past, nullptr, nullptr);
            res.prefill_ms += ms_since(t1);
            if (ret != 0 && cancelled()) return cancelled_result();
            if (ret != 0) throw std::runtime_error("decoding the image embeddings failed (" + std::to_string(ret) + ")");
            Piece p;
            p.image_id = image_id;
            p.n_tokens = (int32_t) mtmd_input_chunk_get_n_tokens(chunk);
            p.pos0 = n_past;
            p.pos1 = new_n_past;
            if (req.keep_context) kept_.push_back(p);
            n_past = new_n_past;
        }
    }
    res.context_tokens = 0;
    if (req.keep_context) for (const auto & p : kept_) res.context_tokens += p.n_tokens;

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
        const int32_t ret = decode_text(ctx_, one, toks, 1, 1, n_past, true, seq);
        if (ret == 2 && cancelled()) { res.stop_reason = "cancelled"; break; }
        if (ret != 0) throw std::runtime_error("llama_decode failed while generating (" + std::to_string(ret) + ")");
    }
    if (!pending.empty()) res.text += pending;
    res.decode_ms = ms_since(t_decode);
    // The answer's tokens stay in the context after the prompt; the next request's match ends
    // at the prompt and cuts them (its own copy of the answer is tokenized like the template does).
    forget.armed = false;
    return res;
}
