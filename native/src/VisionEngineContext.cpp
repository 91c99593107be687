#include <algorithm>
#include <stdexcept>

#include "VisionEngine.h"
#include "llama.h"

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

// Decides where the prompt goes: a kept conversation reuses what the context holds of it, a
// one-off request starts its own sequence afresh. Returns the position of the first piece to
// decode (`first_new`) and counts the reused tokens.
int32_t VisionEngine::place_prompt(const GenerateRequest & req, const std::vector<Piece> & want, size_t & first_new, GenerateResult & res) {
    llama_pos n_past = 0;
    if (req.keep_context) {
        n_past = reuse_context(want, first_new, res.erase_refused);
    } else {
        llama_memory_seq_rm(llama_get_memory(ctx_), 1, -1, -1);
    }
    for (size_t k = 0; k < first_new; k++) res.reused_tokens += want[k].n_tokens;
    return n_past;
}

// Makes sure the prompt's new tokens and the answer fit beside what the context keeps, or throws.
void VisionEngine::make_room(const GenerateRequest & req, const GenerateResult & res) {
    int32_t held = 0;
    for (const auto & p : kept_) held += p.n_tokens;
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
}

// Keeps only the image embeddings this prompt has: the screenshots the next step may have to read again.
void VisionEngine::keep_embeddings_of(const std::vector<Piece> & want) {
    for (auto it = kept_embd_.begin(); it != kept_embd_.end();) {
        const bool wanted = std::any_of(want.begin(), want.end(), [&](const Piece & p) { return p.image_id == it->first; });
        it = wanted ? std::next(it) : kept_embd_.erase(it);
    }
}
