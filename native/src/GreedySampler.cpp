#include "GreedySampler.h"

#include <cmath>
#include <stdexcept>

GreedySampler::GreedySampler(const llama_vocab * vocab, const std::string & grammar) : vocab_(vocab) {
    if (grammar.empty()) return;
    grammar_ = llama_sampler_init_grammar(vocab, grammar.c_str(), "root");
    if (!grammar_) throw std::invalid_argument("the GBNF grammar does not parse (its start rule must be named root)");
}

GreedySampler::~GreedySampler() {
    if (grammar_) llama_sampler_free(grammar_);
}

llama_token GreedySampler::sample(llama_context * ctx) {
    const float * logits = llama_get_logits_ith(ctx, -1);
    const int32_t n_vocab = llama_vocab_n_tokens(vocab_);
    llama_token best = 0;
    for (llama_token t = 1; t < n_vocab; t++) {
        if (logits[t] > logits[best]) best = t;
    }
    if (!grammar_) return best;

    llama_token_data single = {best, logits[best], 0.0f};
    llama_token_data_array one = {&single, 1, -1, false};
    llama_sampler_apply(grammar_, &one);
    if (std::isinf(single.logit) && single.logit < 0) {
        candidates_.resize(n_vocab);
        for (llama_token t = 0; t < n_vocab; t++) candidates_[t] = {t, logits[t], 0.0f};
        llama_token_data_array all = {candidates_.data(), candidates_.size(), -1, false};
        llama_sampler_apply(grammar_, &all);
        best = -1;
        for (size_t i = 0; i < all.size; i++) {
            const auto & c = all.data[i];
            if (std::isinf(c.logit) && c.logit < 0) continue;
            if (best < 0 || c.logit > logits[best]) best = c.id;
        }
        if (best < 0) throw std::runtime_error("the grammar allows no token here");
    }
    llama_sampler_accept(grammar_, best);
    return best;
}
