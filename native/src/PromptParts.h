// A chat formatted with the model's template, split so that only the template's own control
// tokens are tokenised as special tokens: message text (the user's task, an echoed observation,
// anything read off the screen) is plain text even when it spells `<|im_end|>`.
#pragma once

#include <string>
#include <vector>

#include "VisionEngine.h"

struct PromptPart {
    std::string text;
    bool special = false; // one control token the template wrote; tokenise with special parsing on
};

// The GGUF chat template applied to `messages`, with the assistant turn opened.
std::string apply_chat_template(const char * tmpl, const std::vector<ChatMessage> & messages);

// The templated chat as parts: each control-token text (one of `control_texts`) that the template
// itself wrote is a special part; everything else, template text and message content alike, is
// plain, adjacent pieces merged, so the plain runs are exactly the fragments llama.cpp would
// tokenise between special tokens. Throws std::runtime_error when the template rewrites message
// text (then content could not be told apart from the template).
std::vector<PromptPart> chat_prompt_parts(const char * tmpl, const std::vector<ChatMessage> & messages,
                                          const std::vector<std::string> & control_texts);
