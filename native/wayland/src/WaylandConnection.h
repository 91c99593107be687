// The one connection DeskPilot's Wayland addon keeps to a wlroots compositor, and what is bound
// on it: the seat, shared memory, screencopy, xdg-output, the outputs, and the virtual pointer
// and keyboard once they are first used. WaylandConnection.cpp keeps it; Screencopy.cpp captures
// through it; WaylandAddon.cpp is the N-API surface (and says what each error code means).
#pragma once

#include <wayland-client.h>

#include "virtual-keyboard-unstable-v1-client-protocol.h"
#include "wlr-screencopy-unstable-v1-client-protocol.h"
#include "wlr-virtual-pointer-unstable-v1-client-protocol.h"
#include "xdg-output-unstable-v1-client-protocol.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dpwl {

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

extern Connection g;

constexpr int kTimeoutMs = 5000;

void release_shot();
void disconnect();
uint32_t now_ms();
[[noreturn]] void fail_connection(const char * doing);
// Throws NOT_CONNECTED before connect(), or the connection's own error once it has one.
void check(const char * doing);
void flush(const char * doing, int timeout_ms);
void dispatch_until(const std::function<bool()> & done, const char * doing, int timeout_ms);
void roundtrip(const char * doing, int timeout_ms);
void refresh_outputs();
bool connect(const std::string & name);
void need_pointer();
void need_keyboard_manager();
void set_keymap(const std::string & text);
// One output's next frame through screencopy into memory from `alloc`, as opaque RGBA rows, top row first.
void capture_output(const std::string & name, uint8_t * (*alloc)(void *, size_t), void * ctx, uint32_t & width, uint32_t & height);

}  // namespace dpwl
