// A llama_batch that frees itself, and decodes text tokens through itself.
#pragma once

#include <cstddef>
#include <cstdint>

#include "llama.h"

struct LlamaBatch {
    llama_batch b;
    explicit LlamaBatch(int32_t n) : b(llama_batch_init(n, 0, 1)) {}
    ~LlamaBatch() { llama_batch_free(b); }
    LlamaBatch(const LlamaBatch &) = delete;
    LlamaBatch & operator=(const LlamaBatch &) = delete;

    // Decodes text tokens at explicit positions (M-RoPE: positions are not token counts after an
    // image), `n_batch` at a time. Returns llama_decode's code (0: done; 2: aborted).
    int32_t decode_text(llama_context * ctx, const llama_token * tokens, size_t n, int32_t n_batch, llama_pos & n_past,
                        bool logits_last, llama_seq_id seq) {
        for (size_t i = 0; i < n;) {
            b.n_tokens = 0;
            for (; i < n && b.n_tokens < n_batch; i++) {
                const int32_t j = b.n_tokens++;
                b.token[j] = tokens[i];
                b.pos[j] = n_past++;
                b.n_seq_id[j] = 1;
                b.seq_id[j][0] = seq;
                b.logits[j] = logits_last && i + 1 == n;
            }
            if (const int32_t ret = llama_decode(ctx, b); ret != 0) return ret;
        }
        return 0;
    }
};
