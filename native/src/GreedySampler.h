// Greedy decoding with an optional GBNF grammar. Tries the unconstrained argmax first and applies
// the grammar to the whole vocabulary only when the grammar rejects it (as llama.cpp's common
// sampler does): same token as grammar-then-argmax, far fewer full-vocabulary grammar passes.
#pragma once

#include <string>
#include <vector>

#include "llama.h"

class GreedySampler {
public:
    // Throws std::invalid_argument when the grammar does not parse.
    GreedySampler(const llama_vocab * vocab, const std::string & grammar);
    ~GreedySampler();
    GreedySampler(const GreedySampler &) = delete;
    GreedySampler & operator=(const GreedySampler &) = delete;

    llama_token sample(llama_context * ctx);

private:
    const llama_vocab * vocab_;
    llama_sampler * grammar_ = nullptr;
    std::vector<llama_token_data> candidates_;
};
