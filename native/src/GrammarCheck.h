// Runs llama.cpp's own grammar engine over a known answer, token by token, as generation would
// see it: the check behind "an answer a real model wrote must be accepted by our GBNF".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct llama_vocab;

struct GrammarCheckResult {
    std::vector<std::string> tokens; // the answer's tokens, as text pieces, in order
    int32_t accepted_tokens = 0;      // how many tokens from the start the grammar let through
    int32_t rejected_at = -1;         // index of the first token the grammar forbids; -1: none
    bool can_end = false;             // after the accepted tokens, the grammar allows end of generation
};

// Tokenises `text` with special-token parsing off (the model wrote it as text) and feeds it to a
// grammar sampler one token at a time. Throws std::invalid_argument when the grammar does not parse.
GrammarCheckResult check_grammar(const llama_vocab * vocab, const std::string & grammar, const std::string & text);
