// Capture of one output through wlroots' screencopy protocol into a shared-memory buffer kept
// while the size and format hold, then one pass to opaque RGBA: no grim process, no image encoding.
#include "WaylandConnection.h"

#include <poll.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace dpwl {

namespace {

struct FrameState {
    uint32_t format = 0, width = 0, height = 0, stride = 0, flags = 0;
    bool have_buffer = false, ready = false, failed = false;
};

void on_frame_buffer(void * data, zwlr_screencopy_frame_v1 *, uint32_t format, uint32_t width, uint32_t height, uint32_t stride) {
    auto * f = static_cast<FrameState *>(data);
    if (f->have_buffer) return;
    *f = FrameState{format, width, height, stride, 0, true, false, false};
}
void on_frame_flags(void * data, zwlr_screencopy_frame_v1 *, uint32_t flags) { static_cast<FrameState *>(data)->flags = flags; }
void on_frame_ready(void * data, zwlr_screencopy_frame_v1 *, uint32_t, uint32_t, uint32_t) { static_cast<FrameState *>(data)->ready = true; }
void on_frame_failed(void * data, zwlr_screencopy_frame_v1 *) { static_cast<FrameState *>(data)->failed = true; }
const zwlr_screencopy_frame_v1_listener frame_listener = {on_frame_buffer, on_frame_flags, on_frame_ready, on_frame_failed};

constexpr uint32_t kFormatXbgr8888 = 0x34324258;  // 'XB24'
constexpr uint32_t kFormatAbgr8888 = 0x34324241;  // 'AB24'
constexpr uint32_t kYInvert = 1;

void ensure_shot(uint32_t width, uint32_t height, uint32_t stride, uint32_t format) {
    if (g.shot.buffer && g.shot.width == width && g.shot.height == height && g.shot.stride == stride && g.shot.format == format) return;
    release_shot();
    size_t size = static_cast<size_t>(stride) * height;
    int fd = memfd_create("deskpilot-screencopy", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, static_cast<off_t>(size)) != 0) {
        if (fd >= 0) close(fd);
        throw InputError{"DISPLAY_LOST", std::string("cannot create the capture's shared memory: ") + std::strerror(errno)};
    }
    void * data = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (data == MAP_FAILED) {
        close(fd);
        throw InputError{"DISPLAY_LOST", std::string("cannot map the capture's shared memory: ") + std::strerror(errno)};
    }
    wl_shm_pool * pool = wl_shm_create_pool(g.shm, fd, static_cast<int32_t>(size));
    wl_buffer * buffer = wl_shm_pool_create_buffer(pool, 0, static_cast<int32_t>(width), static_cast<int32_t>(height), static_cast<int32_t>(stride), format);
    wl_shm_pool_destroy(pool);
    g.shot = ShmBuffer{fd, data, size, width, height, stride, format, buffer};
}

}  // namespace

void capture_output(const std::string & name, uint8_t * (*alloc)(void *, size_t), void * ctx, uint32_t & width, uint32_t & height) {
    if (!g.screencopy || !g.shm) {
        throw InputError{"NO_SCREENCOPY", "this Wayland compositor offers no screencopy protocol (zwlr_screencopy_manager_v1)"};
    }
    auto found = std::find_if(g.outputs.begin(), g.outputs.end(), [&](const auto & o) { return o->name == name; });
    if (found == g.outputs.end()) {
        std::string names;
        for (const auto & o : g.outputs) names += (names.empty() ? "" : ", ") + o->name;
        throw InputError{"NO_OUTPUT", "no output named \"" + name + "\" (the compositor has: " + (names.empty() ? "none with a name" : names) + ")"};
    }
    FrameState f;
    zwlr_screencopy_frame_v1 * frame = zwlr_screencopy_manager_v1_capture_output(g.screencopy, 0, (*found)->output);
    zwlr_screencopy_frame_v1_add_listener(frame, &frame_listener, &f);
    auto destroy = [&] {
        if (g.display) zwlr_screencopy_frame_v1_destroy(frame);
    };
    try {
        dispatch_until([&] { return f.have_buffer || f.failed; }, "waiting for the output's frame", kTimeoutMs);
        bool xrgb = f.format == WL_SHM_FORMAT_XRGB8888 || f.format == WL_SHM_FORMAT_ARGB8888;
        bool xbgr = f.format == kFormatXbgr8888 || f.format == kFormatAbgr8888;
        if (f.failed || (!xrgb && !xbgr) || f.stride < f.width * 4) {
            destroy();
            throw InputError{"CAPTURE_FAILED", f.failed ? "the compositor could not capture output " + name
                                                        : "the compositor offers output " + name + "'s frame in an unsupported pixel format (" +
                                                              std::to_string(f.format) + ")"};
        }
        ensure_shot(f.width, f.height, f.stride, f.format);
        zwlr_screencopy_frame_v1_copy(frame, g.shot.buffer);
        dispatch_until([&] { return f.ready || f.failed; }, "copying the output's frame", kTimeoutMs);
        if (f.failed) {
            destroy();
            throw InputError{"CAPTURE_FAILED", "the compositor could not copy output " + name + "'s frame"};
        }
        width = f.width;
        height = f.height;
        uint8_t * out = alloc(ctx, static_cast<size_t>(f.width) * f.height * 4);
        const bool invert = (f.flags & kYInvert) != 0;
        for (uint32_t y = 0; y < f.height; y++) {
            const auto * row = reinterpret_cast<const uint32_t *>(static_cast<const uint8_t *>(g.shot.data) +
                                                                  static_cast<size_t>(invert ? f.height - 1 - y : y) * f.stride);
            auto * dst = reinterpret_cast<uint32_t *>(out + static_cast<size_t>(y) * f.width * 4);
            if (xrgb) {
                // little-endian XRGB8888 is B,G,R,X in memory: swap R and B, set alpha
                for (uint32_t x = 0; x < f.width; x++) {
                    uint32_t p = row[x];
                    dst[x] = 0xff000000u | (p & 0x0000ff00u) | ((p >> 16) & 0xffu) | ((p & 0xffu) << 16);
                }
            } else {
                for (uint32_t x = 0; x < f.width; x++) dst[x] = row[x] | 0xff000000u;
            }
        }
        destroy();
    } catch (...) {
        destroy();
        throw;
    }
}

}  // namespace dpwl
