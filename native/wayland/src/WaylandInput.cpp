// Capture, pointer and keyboard input on a wlroots Wayland compositor (sway, Hyprland, river, …), through
// its virtual-pointer (zwlr_virtual_pointer_manager_v1) and virtual-keyboard
// (zwp_virtual_keyboard_manager_v1) protocols: the compositor adds our virtual devices to its
// seat, and the focused window gets their events as from real hardware. No Debian tool speaks
// the pointer protocol, hence this addon. Capture goes through the screencopy protocol
// (zwlr_screencopy_manager_v1) into a kept shared-memory buffer, without grim's process and
// image encoding. One connection per process, kept between calls.
//
// The keyboard types with a keymap the caller writes (agent/actions/xkbKeymap.ts): keys are
// sent by keycode, so any keysym the keymap names, Unicode included, is typed exactly.
//
// Errors never end the process: each is a JS Error with a `code`:
//   NO_DISPLAY          the compositor's socket could not be reached (WAYLAND_DISPLAY, XDG_RUNTIME_DIR)
//   NO_VIRTUAL_POINTER  the compositor offers no virtual-pointer protocol (not wlroots-based)
//   NO_VIRTUAL_KEYBOARD the compositor offers no virtual-keyboard protocol, or no seat
//   NOT_CONNECTED       a call before connect()
//   PROTOCOL_ERROR      the compositor refused a request (the connection is then closed)
//   DISPLAY_LOST        the connection broke; the next connect() opens a new one
//   TIMEOUT             the compositor did not answer within the time allowed
//   NO_SCREENCOPY       the compositor offers no screencopy protocol
//   NO_OUTPUT           no output has the name asked for
//   CAPTURE_FAILED      the compositor could not capture the output, or not in a format we read
#include <napi.h>

#include <wayland-client.h>

#include "virtual-keyboard-unstable-v1-client-protocol.h"
#include "wlr-screencopy-unstable-v1-client-protocol.h"
#include "wlr-virtual-pointer-unstable-v1-client-protocol.h"
#include "xdg-output-unstable-v1-client-protocol.h"

#include <poll.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace {

struct InputError {
    std::string code;
    std::string message;
};

struct Output {
    uint32_t global = 0;
    wl_output * output = nullptr;
    zxdg_output_v1 * xdg = nullptr;
    std::string name;  // wl_output v4's name (HEADLESS-1, DP-1…)
    int32_t x = 0, y = 0, width = 0, height = 0;  // xdg_output: place and size in the global logical layout
    int32_t mode_width = 0, mode_height = 0;      // wl_output: the current mode, device pixels
    int32_t scale = 1;
};

// One shared-memory buffer, kept while captures keep its size and format.
struct ShmBuffer {
    int fd = -1;
    void * data = nullptr;
    size_t size = 0;
    uint32_t width = 0, height = 0, stride = 0, format = 0;
    wl_buffer * buffer = nullptr;
};

struct Connection {
    std::string name;
    wl_display * display = nullptr;
    wl_registry * registry = nullptr;
    wl_seat * seat = nullptr;
    wl_shm * shm = nullptr;
    zwlr_screencopy_manager_v1 * screencopy = nullptr;
    zxdg_output_manager_v1 * xdg_outputs = nullptr;
    zwlr_virtual_pointer_manager_v1 * pointer_manager = nullptr;
    zwp_virtual_keyboard_manager_v1 * keyboard_manager = nullptr;
    zwlr_virtual_pointer_v1 * pointer = nullptr;
    zwp_virtual_keyboard_v1 * keyboard = nullptr;
    bool has_keymap = false;
    std::vector<std::unique_ptr<Output>> outputs;
    ShmBuffer shot;
};

Connection g;

constexpr int kTimeoutMs = 5000;

void release_shot() {
    if (g.shot.buffer) wl_buffer_destroy(g.shot.buffer);
    if (g.shot.data) munmap(g.shot.data, g.shot.size);
    if (g.shot.fd >= 0) close(g.shot.fd);
    g.shot = ShmBuffer{};
}

void disconnect() {
    release_shot();
    for (auto & o : g.outputs) {
        if (o->xdg) zxdg_output_v1_destroy(o->xdg);
        wl_output_destroy(o->output);
    }
    if (g.xdg_outputs) zxdg_output_manager_v1_destroy(g.xdg_outputs);
    if (g.keyboard) zwp_virtual_keyboard_v1_destroy(g.keyboard);
    if (g.pointer) zwlr_virtual_pointer_v1_destroy(g.pointer);
    if (g.pointer_manager) zwlr_virtual_pointer_manager_v1_destroy(g.pointer_manager);
    if (g.keyboard_manager) wl_proxy_destroy(reinterpret_cast<wl_proxy *>(g.keyboard_manager));
    if (g.screencopy) zwlr_screencopy_manager_v1_destroy(g.screencopy);
    if (g.shm) wl_shm_destroy(g.shm);
    if (g.seat) wl_seat_destroy(g.seat);
    if (g.registry) wl_registry_destroy(g.registry);
    if (g.display) {
        wl_display_flush(g.display);
        wl_display_disconnect(g.display);
    }
    g = Connection{};
}

uint32_t now_ms() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<uint32_t>(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

// After any failure libwayland keeps the error on the display: turn it into ours, and drop the
// connection, which cannot be used again.
[[noreturn]] void fail_connection(const char * doing) {
    int err = g.display ? wl_display_get_error(g.display) : 0;
    std::string message;
    std::string code = "DISPLAY_LOST";
    if (err == EPROTO) {
        const wl_interface * iface = nullptr;
        uint32_t id = 0;
        uint32_t pcode = wl_display_get_protocol_error(g.display, &iface, &id);
        code = "PROTOCOL_ERROR";
        message = std::string("the compositor refused ") + doing + " (" + (iface ? iface->name : "unknown interface") + " error " +
                  std::to_string(pcode) + ")";
    } else {
        message = std::string("the connection to the Wayland compositor broke while ") + doing + " (" + std::strerror(err ? err : EPIPE) + ")";
    }
    disconnect();
    throw InputError{code, message};
}

void check(const char * doing) {
    if (!g.display) throw InputError{"NOT_CONNECTED", "not connected to a Wayland compositor: call connect() first"};
    if (wl_display_get_error(g.display) != 0) fail_connection(doing);
}

// Sends what is queued, waiting for the socket when the compositor is slow to read it.
void flush(const char * doing, int timeout_ms) {
    int deadline = static_cast<int>(now_ms()) + timeout_ms;
    while (wl_display_flush(g.display) < 0) {
        if (errno != EAGAIN) fail_connection(doing);
        pollfd p{wl_display_get_fd(g.display), POLLOUT, 0};
        int left = deadline - static_cast<int>(now_ms());
        if (left <= 0) throw InputError{"TIMEOUT", std::string("the Wayland compositor did not read our requests while ") + doing};
        poll(&p, 1, left);
    }
}

// Reads and dispatches the compositor's events until `done()` holds, with a deadline
// (wl_display_roundtrip and wl_display_dispatch can wait for ever on a hung compositor).
void dispatch_until(const std::function<bool()> & done, const char * doing, int timeout_ms) {
    flush(doing, timeout_ms);
    int deadline = static_cast<int>(now_ms()) + timeout_ms;
    while (!done()) {
        while (wl_display_prepare_read(g.display) != 0) {
            if (wl_display_dispatch_pending(g.display) < 0) fail_connection(doing);
        }
        if (done()) {
            wl_display_cancel_read(g.display);
            break;
        }
        pollfd p{wl_display_get_fd(g.display), POLLIN, 0};
        int left = deadline - static_cast<int>(now_ms());
        if (left <= 0) {
            wl_display_cancel_read(g.display);
            throw InputError{"TIMEOUT", std::string("the Wayland compositor did not answer within ") + std::to_string(timeout_ms) + " ms while " + doing};
        }
        if (poll(&p, 1, left) > 0) {
            if (wl_display_read_events(g.display) < 0 || wl_display_dispatch_pending(g.display) < 0) fail_connection(doing);
        } else {
            wl_display_cancel_read(g.display);
        }
    }
}

void on_sync_done(void * data, wl_callback *, uint32_t) { *static_cast<bool *>(data) = true; }
const wl_callback_listener sync_listener = {on_sync_done};

// When it returns, the compositor has handled every request sent before it.
void roundtrip(const char * doing, int timeout_ms) {
    bool done = false;
    wl_callback * cb = wl_display_sync(g.display);
    wl_callback_add_listener(cb, &sync_listener, &done);
    try {
        dispatch_until([&] { return done; }, doing, timeout_ms);
    } catch (...) {
        if (g.display) wl_callback_destroy(cb);
        throw;
    }
    wl_callback_destroy(cb);
}

// wl_output v4 names each output and gives its mode and scale; xdg_output its logical place.
void on_output_geometry(void *, wl_output *, int32_t, int32_t, int32_t, int32_t, int32_t, const char *, const char *, int32_t) {}
void on_output_mode(void * data, wl_output *, uint32_t flags, int32_t width, int32_t height, int32_t) {
    if (!(flags & WL_OUTPUT_MODE_CURRENT)) return;
    auto * o = static_cast<Output *>(data);
    o->mode_width = width;
    o->mode_height = height;
}
void on_output_done(void *, wl_output *) {}
void on_output_scale(void * data, wl_output *, int32_t scale) { static_cast<Output *>(data)->scale = scale; }
void on_output_name(void * data, wl_output *, const char * name) { static_cast<Output *>(data)->name = name; }
void on_output_description(void *, wl_output *, const char *) {}
const wl_output_listener output_listener = {on_output_geometry, on_output_mode,  on_output_done,
                                            on_output_scale,    on_output_name, on_output_description};

void on_xdg_position(void * data, zxdg_output_v1 *, int32_t x, int32_t y) {
    auto * o = static_cast<Output *>(data);
    o->x = x;
    o->y = y;
}
void on_xdg_size(void * data, zxdg_output_v1 *, int32_t width, int32_t height) {
    auto * o = static_cast<Output *>(data);
    o->width = width;
    o->height = height;
}
void on_xdg_done(void *, zxdg_output_v1 *) {}
void on_xdg_name(void *, zxdg_output_v1 *, const char *) {}
void on_xdg_description(void *, zxdg_output_v1 *, const char *) {}
const zxdg_output_v1_listener xdg_output_listener = {on_xdg_position, on_xdg_size, on_xdg_done, on_xdg_name, on_xdg_description};

// Each output's place in the layout, and up to date: outputs added since get theirs, and a round
// trip takes in what changed.
void refresh_outputs() {
    if (!g.xdg_outputs) throw InputError{"NO_SCREENCOPY", "this Wayland compositor offers no xdg-output protocol (zxdg_output_manager_v1) to lay its outputs out"};
    for (auto & o : g.outputs) {
        if (o->xdg) continue;
        o->xdg = zxdg_output_manager_v1_get_xdg_output(g.xdg_outputs, o->output);
        zxdg_output_v1_add_listener(o->xdg, &xdg_output_listener, o.get());
    }
    roundtrip("reading the outputs' layout", kTimeoutMs);
}

void on_global(void *, wl_registry * registry, uint32_t name, const char * interface, uint32_t version) {
    if (std::strcmp(interface, wl_output_interface.name) == 0 && version >= 4) {
        auto o = std::make_unique<Output>();
        o->global = name;
        o->output = static_cast<wl_output *>(wl_registry_bind(registry, name, &wl_output_interface, 4));
        wl_output_add_listener(o->output, &output_listener, o.get());
        g.outputs.push_back(std::move(o));
    } else if (std::strcmp(interface, zxdg_output_manager_v1_interface.name) == 0 && !g.xdg_outputs) {
        g.xdg_outputs = static_cast<zxdg_output_manager_v1 *>(wl_registry_bind(registry, name, &zxdg_output_manager_v1_interface, 1));
    } else if (std::strcmp(interface, wl_shm_interface.name) == 0 && !g.shm) {
        g.shm = static_cast<wl_shm *>(wl_registry_bind(registry, name, &wl_shm_interface, 1));
    } else if (std::strcmp(interface, zwlr_screencopy_manager_v1_interface.name) == 0 && !g.screencopy) {
        g.screencopy = static_cast<zwlr_screencopy_manager_v1 *>(wl_registry_bind(registry, name, &zwlr_screencopy_manager_v1_interface, 1));
    } else if (std::strcmp(interface, wl_seat_interface.name) == 0 && !g.seat) {
        g.seat = static_cast<wl_seat *>(wl_registry_bind(registry, name, &wl_seat_interface, 1));
    } else if (std::strcmp(interface, zwlr_virtual_pointer_manager_v1_interface.name) == 0) {
        g.pointer_manager =
            static_cast<zwlr_virtual_pointer_manager_v1 *>(wl_registry_bind(registry, name, &zwlr_virtual_pointer_manager_v1_interface, 1));
    } else if (std::strcmp(interface, zwp_virtual_keyboard_manager_v1_interface.name) == 0) {
        g.keyboard_manager =
            static_cast<zwp_virtual_keyboard_manager_v1 *>(wl_registry_bind(registry, name, &zwp_virtual_keyboard_manager_v1_interface, 1));
    }
}

void on_global_remove(void *, wl_registry *, uint32_t name) {
    auto gone = std::find_if(g.outputs.begin(), g.outputs.end(), [&](const auto & o) { return o->global == name; });
    if (gone != g.outputs.end()) {
        if ((*gone)->xdg) zxdg_output_v1_destroy((*gone)->xdg);
        wl_output_destroy((*gone)->output);
        g.outputs.erase(gone);
    }
}

const wl_registry_listener registry_listener = {on_global, on_global_remove};

// true when a new connection was opened (its virtual keyboard has no keymap yet)
bool connect(const std::string & name) {
    if (g.display && g.name == name && wl_display_get_error(g.display) == 0) return false;
    disconnect();
    g.display = wl_display_connect(name.c_str());
    if (!g.display) {
        throw InputError{"NO_DISPLAY", "cannot connect to the Wayland compositor at \"" + name + "\" (" + std::strerror(errno) +
                                           "): check WAYLAND_DISPLAY and XDG_RUNTIME_DIR"};
    }
    g.name = name;
    g.registry = wl_display_get_registry(g.display);
    wl_registry_add_listener(g.registry, &registry_listener, nullptr);
    roundtrip("listing the compositor's protocols", kTimeoutMs);
    roundtrip("reading the outputs' names", kTimeoutMs);  // the outputs bound above answer now
    return true;
}

// The pointer joins the seat on first use, so a process that only captures adds no device.
void need_pointer() {
    if (g.pointer) return;
    if (!g.pointer_manager) {
        throw InputError{"NO_VIRTUAL_POINTER", "this Wayland compositor offers no virtual-pointer protocol (zwlr_virtual_pointer_manager_v1); "
                                               "wlroots compositors such as sway and Hyprland have it"};
    }
    if (!g.seat) throw InputError{"NO_VIRTUAL_POINTER", "this Wayland compositor has no seat to add a pointer to"};
    g.pointer = zwlr_virtual_pointer_manager_v1_create_virtual_pointer(g.pointer_manager, g.seat);
}

void need_keyboard_manager() {
    if (!g.keyboard_manager || !g.seat) {
        throw InputError{"NO_VIRTUAL_KEYBOARD", "this Wayland compositor offers no virtual-keyboard protocol (zwp_virtual_keyboard_manager_v1) or no seat"};
    }
}

// The keyboard is created with its first keymap, so a process that only points adds no keyboard
// to the seat (and a seat without a real keyboard does not gain and lose one per process).
void set_keymap(const std::string & text) {
    need_keyboard_manager();
    if (!g.keyboard) g.keyboard = zwp_virtual_keyboard_manager_v1_create_virtual_keyboard(g.keyboard_manager, g.seat);
    // The keymap travels as a file descriptor the compositor maps: an anonymous memory file.
    int fd = memfd_create("deskpilot-keymap", MFD_CLOEXEC);
    if (fd < 0) throw InputError{"DISPLAY_LOST", std::string("cannot create the keymap's memory file: ") + std::strerror(errno)};
    size_t size = text.size() + 1;  // xkbcommon reads a NUL-terminated string
    const char * data = text.c_str();
    for (size_t written = 0; written < size;) {
        ssize_t n = write(fd, data + written, size - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            close(fd);
            throw InputError{"DISPLAY_LOST", std::string("cannot write the keymap: ") + std::strerror(errno)};
        }
        written += static_cast<size_t>(n);
    }
    // libwayland duplicates the descriptor when the request is queued, so ours can close now
    zwp_virtual_keyboard_v1_keymap(g.keyboard, WL_KEYBOARD_KEYMAP_FORMAT_XKB_V1, fd, static_cast<uint32_t>(size));
    close(fd);
    g.has_keymap = true;
    // the compositor compiles the keymap before the next key: wait, so a failure shows here
    roundtrip("setting the keymap", kTimeoutMs);
}

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

// One output's next frame through screencopy into memory from `alloc`, as opaque RGBA rows, top row first.
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

[[noreturn]] void throw_js(const Napi::Env & env, const InputError & e) {
    Napi::Error error = Napi::Error::New(env, e.message);
    error.Set("code", Napi::String::New(env, e.code));
    throw error;
}

uint32_t arg_u32(const Napi::CallbackInfo & info, size_t i, const char * what) {
    if (info.Length() <= i || !info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
    double v = info[i].As<Napi::Number>().DoubleValue();
    if (!(v >= 0 && v <= 4294967295.0)) throw Napi::RangeError::New(info.Env(), std::string(what) + " must be an unsigned 32-bit integer");
    return static_cast<uint32_t>(v);
}

template <typename F> Napi::Value guarded(const Napi::CallbackInfo & info, const char * doing, F && body) {
    try {
        check(doing);
        body();
        check(doing);
        flush(doing, kTimeoutMs);
        return info.Env().Undefined();
    } catch (const InputError & e) {
        throw_js(info.Env(), e);
    }
}

// connect(name): opens (or keeps) the connection to the compositor named like WAYLAND_DISPLAY;
// true when the connection is new.
Napi::Value Connect(const Napi::CallbackInfo & info) {
    if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(info.Env(), "connect(name: string)");
    try {
        return Napi::Boolean::New(info.Env(), connect(info[0].As<Napi::String>().Utf8Value()));
    } catch (const InputError & e) {
        throw_js(info.Env(), e);
    }
}

// pointerMove(x, y, xExtent, yExtent): to (x, y) of a (xExtent × yExtent) frame over the whole output layout.
Napi::Value PointerMove(const Napi::CallbackInfo & info) {
    uint32_t x = arg_u32(info, 0, "x"), y = arg_u32(info, 1, "y"), w = arg_u32(info, 2, "xExtent"), h = arg_u32(info, 3, "yExtent");
    if (x > w || y > h || w == 0 || h == 0) throw Napi::RangeError::New(info.Env(), "the point must lie within its extent");
    return guarded(info, "moving the pointer", [&] {
        need_pointer();
        zwlr_virtual_pointer_v1_motion_absolute(g.pointer, now_ms(), x, y, w, h);
        zwlr_virtual_pointer_v1_frame(g.pointer);
    });
}

// pointerButton(button, pressed): a Linux input button code (BTN_LEFT 0x110, BTN_RIGHT 0x111, BTN_MIDDLE 0x112).
Napi::Value PointerButton(const Napi::CallbackInfo & info) {
    uint32_t button = arg_u32(info, 0, "button");
    bool pressed = info.Length() > 1 && info[1].ToBoolean().Value();
    return guarded(info, "pressing a pointer button", [&] {
        need_pointer();
        zwlr_virtual_pointer_v1_button(g.pointer, now_ms(), button,
                                       pressed ? WL_POINTER_BUTTON_STATE_PRESSED : WL_POINTER_BUTTON_STATE_RELEASED);
        zwlr_virtual_pointer_v1_frame(g.pointer);
    });
}

// pointerScroll(axis, steps): wheel notches on an axis (0 vertical, 1 horizontal); positive is down or right.
Napi::Value PointerScroll(const Napi::CallbackInfo & info) {
    uint32_t axis = arg_u32(info, 0, "axis");
    if (axis > 1) throw Napi::RangeError::New(info.Env(), "axis must be 0 (vertical) or 1 (horizontal)");
    if (info.Length() < 2 || !info[1].IsNumber()) throw Napi::TypeError::New(info.Env(), "steps must be a number");
    int32_t steps = info[1].As<Napi::Number>().Int32Value();
    if (steps < -1000 || steps > 1000) throw Napi::RangeError::New(info.Env(), "steps must be within ±1000 notches");
    return guarded(info, "scrolling", [&] {
        uint32_t t = now_ms();
        need_pointer();
        // One notch per frame: XWayland 22.1 turned a frame of several discrete steps into no X11
        // wheel event at all (Wayland clients took it), so each notch is a frame of its own, as a
        // real wheel sends them. A notch is 15 units of motion in libinput's convention.
        const int32_t one = steps < 0 ? -1 : 1;
        for (int32_t i = 0; i != steps; i += one) {
            zwlr_virtual_pointer_v1_axis_source(g.pointer, WL_POINTER_AXIS_SOURCE_WHEEL);
            zwlr_virtual_pointer_v1_axis_discrete(g.pointer, t, axis, wl_fixed_from_int(15 * one), one);
            zwlr_virtual_pointer_v1_frame(g.pointer);
        }
    });
}

// keymap(text): an XKB keymap (text v1) for the virtual keyboard.
Napi::Value Keymap(const Napi::CallbackInfo & info) {
    if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(info.Env(), "keymap(text: string)");
    std::string text = info[0].As<Napi::String>().Utf8Value();
    return guarded(info, "setting the keymap", [&] { set_keymap(text); });
}

// key(keycode, pressed): an evdev keycode of the current keymap (XKB keycode - 8).
Napi::Value Key(const Napi::CallbackInfo & info) {
    uint32_t key = arg_u32(info, 0, "keycode");
    bool pressed = info.Length() > 1 && info[1].ToBoolean().Value();
    return guarded(info, "pressing a key", [&] {
        if (!g.has_keymap) throw InputError{"NOT_CONNECTED", "no keymap was set: call keymap() before key()"};
        zwp_virtual_keyboard_v1_key(g.keyboard, now_ms(), key, pressed ? WL_KEYBOARD_KEY_STATE_PRESSED : WL_KEYBOARD_KEY_STATE_RELEASED);
    });
}

// modifiers(depressed): the held modifier mask of the current keymap (Shift 1, Control 4, Mod1 8, Mod4 64).
Napi::Value Modifiers(const Napi::CallbackInfo & info) {
    uint32_t depressed = arg_u32(info, 0, "depressed");
    return guarded(info, "setting the modifiers", [&] {
        if (!g.has_keymap) throw InputError{"NOT_CONNECTED", "no keymap was set: call keymap() before modifiers()"};
        zwp_virtual_keyboard_v1_modifiers(g.keyboard, depressed, 0, 0, 0);
    });
}

// sync(): returns once the compositor has handled every event sent so far.
Napi::Value Sync(const Napi::CallbackInfo & info) {
    try {
        check("waiting for the compositor");
        roundtrip("waiting for the compositor", kTimeoutMs);
    } catch (const InputError & e) {
        throw_js(info.Env(), e);
    }
    return info.Env().Undefined();
}

// captureOutput(name): { data, width, height }, the output's next frame as opaque RGBA at its own pixels.
Napi::Value CaptureOutput(const Napi::CallbackInfo & info) {
    if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(info.Env(), "captureOutput(name: string)");
    std::string name = info[0].As<Napi::String>().Utf8Value();
    Napi::Env env = info.Env();
    struct Ctx {
        Napi::Env env;
        Napi::Buffer<uint8_t> buffer;
    } ctx{env, Napi::Buffer<uint8_t>()};
    uint32_t width = 0, height = 0;
    try {
        check("capturing an output");
        capture_output(
            name,
            [](void * c, size_t size) {
                auto * x = static_cast<Ctx *>(c);
                x->buffer = Napi::Buffer<uint8_t>::New(x->env, size);
                return x->buffer.Data();
            },
            &ctx, width, height);
    } catch (const InputError & e) {
        throw_js(env, e);
    }
    Napi::Object result = Napi::Object::New(env);
    result.Set("data", ctx.buffer);
    result.Set("width", Napi::Number::New(env, width));
    result.Set("height", Napi::Number::New(env, height));
    return result;
}

// listOutputs(): each output's name, logical place and size, current mode and scale.
Napi::Value ListOutputs(const Napi::CallbackInfo & info) {
    Napi::Env env = info.Env();
    try {
        check("listing the outputs");
        refresh_outputs();
    } catch (const InputError & e) {
        throw_js(env, e);
    }
    Napi::Array list = Napi::Array::New(env);
    uint32_t i = 0;
    for (const auto & o : g.outputs) {
        Napi::Object out = Napi::Object::New(env);
        out.Set("name", Napi::String::New(env, o->name));
        out.Set("x", Napi::Number::New(env, o->x));
        out.Set("y", Napi::Number::New(env, o->y));
        out.Set("width", Napi::Number::New(env, o->width));
        out.Set("height", Napi::Number::New(env, o->height));
        out.Set("modeWidth", Napi::Number::New(env, o->mode_width));
        out.Set("modeHeight", Napi::Number::New(env, o->mode_height));
        out.Set("scale", Napi::Number::New(env, o->scale));
        list.Set(i++, out);
    }
    return list;
}

// close(): removes the virtual devices from the seat and disconnects.
Napi::Value Close(const Napi::CallbackInfo & info) {
    disconnect();
    return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
    exports.Set("connect", Napi::Function::New(env, Connect, "connect"));
    exports.Set("pointerMove", Napi::Function::New(env, PointerMove, "pointerMove"));
    exports.Set("pointerButton", Napi::Function::New(env, PointerButton, "pointerButton"));
    exports.Set("pointerScroll", Napi::Function::New(env, PointerScroll, "pointerScroll"));
    exports.Set("keymap", Napi::Function::New(env, Keymap, "keymap"));
    exports.Set("key", Napi::Function::New(env, Key, "key"));
    exports.Set("modifiers", Napi::Function::New(env, Modifiers, "modifiers"));
    exports.Set("sync", Napi::Function::New(env, Sync, "sync"));
    exports.Set("captureOutput", Napi::Function::New(env, CaptureOutput, "captureOutput"));
    exports.Set("listOutputs", Napi::Function::New(env, ListOutputs, "listOutputs"));
    exports.Set("close", Napi::Function::New(env, Close, "close"));
    return exports;
}

}  // namespace

NODE_API_MODULE(deskpilot_wayland, Init)
