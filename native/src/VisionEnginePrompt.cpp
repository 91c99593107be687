#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "PromptParts.h"
#include "VisionEngine.h"
#include "llama.h"
#include "mtmd-helper.h"
#include "mtmd.h"

namespace {
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

void VisionEngine::ChunksFree::operator()(mtmd_input_chunks * c) const { mtmd_input_chunks_free(c); }

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
    std::unique_ptr<mtmd_input_chunks, ChunksFree> chunks(mtmd_input_chunks_init());
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

// The prompt as pieces (one per text token, one per image) and where each starts; notes the
// prompt's size and the image's layout in `res`.
VisionEngine::Prompt VisionEngine::read_prompt(const GenerateRequest & req, GenerateResult & res) const {
    Prompt prompt;
    prompt.chunks.reset(mtmd_input_chunks_init());
    tokenize_prompt(req, prompt.chunks.get(), prompt.bitmaps);
    res.prompt_tokens = (int32_t) mtmd_helper_get_n_tokens(prompt.chunks.get());
    const size_t n_chunks = mtmd_input_chunks_size(prompt.chunks.get());
    for (size_t c = 0; c < n_chunks; c++) {
        const mtmd_input_chunk * chunk = mtmd_input_chunks_get(prompt.chunks.get(), c);
        if (mtmd_input_chunk_get_type(chunk) == MTMD_INPUT_CHUNK_TYPE_TEXT) {
            size_t n = 0;
            const llama_token * tokens = mtmd_input_chunk_get_tokens_text(chunk, &n);
            for (size_t k = 0; k < n; k++) {
                Piece p;
                p.token = tokens[k];
                prompt.pieces.push_back(p);
                prompt.origin.emplace_back(c, k);
            }
        } else {
            if (c + 1 == n_chunks) throw std::invalid_argument("the prompt must not end with the image");
            const ImageLayout layout = image_layout(chunk);
            res.image_tokens = layout.tokens;
            res.image_nx = layout.nx;
            res.image_ny = layout.ny;
            Piece p;
            const char * id = mtmd_input_chunk_get_id(chunk);
            p.image_id = id && *id ? id : "img-unnamed";
            p.n_tokens = res.image_tokens;
            prompt.pieces.push_back(p);
            prompt.origin.emplace_back(c, 0);
        }
    }
    if (prompt.pieces.empty()) throw std::invalid_argument("the prompt is empty");
    return prompt;
}
