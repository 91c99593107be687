#include "PromptParts.h"

#include <stdexcept>

#include "llama.h"

std::string apply_chat_template(const char * tmpl, const std::vector<ChatMessage> & messages) {
    std::vector<llama_chat_message> msgs;
    size_t total = 0;
    for (const auto & m : messages) {
        msgs.push_back({m.role.c_str(), m.content.c_str()});
        total += m.content.size() + m.role.size() + 32;
    }
    std::vector<char> buf(total * 2 + 1024);
    int32_t n = llama_chat_apply_template(tmpl, msgs.data(), msgs.size(), true, buf.data(), (int32_t) buf.size());
    if (n < 0) throw std::runtime_error("llama.cpp does not support this model's chat template; pass a raw prompt");
    if (n > (int32_t) buf.size()) {
        buf.resize(n + 1);
        n = llama_chat_apply_template(tmpl, msgs.data(), msgs.size(), true, buf.data(), (int32_t) buf.size());
    }
    return std::string(buf.data(), n);
}

namespace {
// Stands in for message i while the template runs; control characters no template writes.
std::string sentinel(size_t i) { return "\x1e" "deskpilot-content-" + std::to_string(i) + "\x1f"; }

// Splits template text into plain runs and the control tokens in it (longest match first).
void split_template_text(const std::string & text, const std::vector<std::string> & control_texts, std::vector<PromptPart> & out) {
    std::string plain;
    for (size_t i = 0; i < text.size();) {
        const std::string * hit = nullptr;
        for (const auto & c : control_texts) {
            if (text.compare(i, c.size(), c) == 0 && (!hit || c.size() > hit->size())) hit = &c;
        }
        if (!hit) {
            plain += text[i++];
            continue;
        }
        if (!plain.empty()) out.push_back({std::move(plain), false});
        plain.clear();
        out.push_back({*hit, true});
        i += hit->size();
    }
    if (!plain.empty()) out.push_back({std::move(plain), false});
}

void add_plain(std::vector<PromptPart> & out, const std::string & text) {
    if (text.empty()) return;
    if (!out.empty() && !out.back().special) out.back().text += text;
    else out.push_back({text, false});
}
} // namespace

std::vector<PromptPart> chat_prompt_parts(const char * tmpl, const std::vector<ChatMessage> & messages,
                                          const std::vector<std::string> & control_texts) {
    // The template run over stand-ins shows which text is the template's; the stand-ins replaced by
    // the real contents must give exactly the real templated prompt, or the template rewrote them.
    std::vector<ChatMessage> standins;
    for (size_t i = 0; i < messages.size(); i++) standins.push_back({messages[i].role, sentinel(i)});
    const std::string shaped = apply_chat_template(tmpl, standins);
    std::vector<std::string> template_texts;
    size_t at = 0;
    for (size_t i = 0; i < messages.size(); i++) {
        const std::string s = sentinel(i);
        const size_t found = shaped.find(s, at);
        if (found == std::string::npos || shaped.find(s, found + s.size()) != std::string::npos) {
            throw std::runtime_error("this model's chat template does not place each message's text once; pass a raw prompt");
        }
        template_texts.push_back(shaped.substr(at, found - at));
        at = found + s.size();
    }
    template_texts.push_back(shaped.substr(at));

    std::string rebuilt;
    std::vector<PromptPart> parts;
    for (size_t i = 0; i < template_texts.size(); i++) {
        std::vector<PromptPart> pieces;
        split_template_text(template_texts[i], control_texts, pieces);
        for (auto & p : pieces) {
            if (p.special) parts.push_back(std::move(p));
            else add_plain(parts, p.text);
        }
        rebuilt += template_texts[i];
        if (i < messages.size()) {
            add_plain(parts, messages[i].content);
            rebuilt += messages[i].content;
        }
    }
    if (rebuilt != apply_chat_template(tmpl, messages)) {
        throw std::runtime_error("this model's chat template rewrites message text, so it cannot be kept apart from the template's own tokens; pass a raw prompt");
    }
    return parts;
}
