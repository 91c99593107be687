#include "GrammarCheck.h"

#include <cmath>
#include <memory>
#include <stdexcept>

#include "llama.h"

namespace {
std::vector<llama_token> tokenize(const llama_vocab * vocab, const std::string & text) {
    // add_special=false, parse_special=false: "<|im_end|>" in an answer is text, never a control token
    int32_t n = llama_tokenize(vocab, text.data(), (int32_t) text.size(), nullptr, 0, false, false);
    std::vector<llama_token> tokens(n < 0 ? -n : n);
    if (!tokens.empty()) llama_tokenize(vocab, text.data(), (int32_t) text.size(), tokens.data(), (int32_t) tokens.size(), false, false);
    return tokens;
}

std::string piece(const llama_vocab * vocab, llama_token t) {
    char buf[256];
    const int32_t n = llama_token_to_piece(vocab, t, buf, sizeof(buf), 0, true);
    return n > 0 ? std::string(buf, (size_t) n) : std::string();
}

// Whether the grammar lets `t` through next: the same one-candidate test GreedySampler makes.
bool allows(llama_sampler * grammar, llama_token t) {
    llama_token_data single = {t, 0.0f, 0.0f};
    llama_token_data_array one = {&single, 1, -1, false};
    llama_sampler_apply(grammar, &one);
    return !(std::isinf(single.logit) && single.logit < 0);
}
} // namespace

GrammarCheckResult check_grammar(const llama_vocab * vocab, const std::string & grammar, const std::string & text) {
    std::unique_ptr<llama_sampler, decltype(&llama_sampler_free)> sampler(llama_sampler_init_grammar(vocab, grammar.c_str(), "root"), &llama_sampler_free);
    if (!sampler) throw std::invalid_argument("the GBNF grammar does not parse (its start rule must be named root)");
    GrammarCheckResult out;
    const std::vector<llama_token> tokens = tokenize(vocab, text);
    for (llama_token t : tokens) out.tokens.push_back(piece(vocab, t));
    for (size_t i = 0; i < tokens.size(); i++) {
        if (!allows(sampler.get(), tokens[i])) {
            out.rejected_at = (int32_t) i;
            break;
        }
        llama_sampler_accept(sampler.get(), tokens[i]);
        out.accepted_tokens = (int32_t) i + 1;
    }
    llama_token eog = llama_vocab_eot(vocab);
    if (eog == LLAMA_TOKEN_NULL) eog = llama_vocab_eos(vocab);
    out.can_end = eog != LLAMA_TOKEN_NULL && allows(sampler.get(), eog);
    return out;
}
