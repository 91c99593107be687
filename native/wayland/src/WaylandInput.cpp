// Pointer and keyboard input on a wlroots Wayland compositor (sway, Hyprland, river, …), through
// its virtual-pointer (zwlr_virtual_pointer_manager_v1) and virtual-keyboard
// (zwp_virtual_keyboard_manager_v1) protocols: the compositor adds our virtual devices to its
// seat, and the focused window gets their events as from real hardware. No Debian tool speaks
// the pointer protocol, hence this addon. One connection per process, kept between calls.
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
#include <napi.h>

#include <wayland-client.h>

#include "virtual-keyboard-unstable-v1-client-protocol.h"
#include "wlr-virtual-pointer-unstable-v1-client-protocol.h"

#include <poll.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

namespace {

struct InputError {
    std::string code;
    std::string message;
};

struct Connection {
    std::string name;
    wl_display * display = nullptr;
    wl_registry * registry = nullptr;
    wl_seat * seat = nullptr;
    zwlr_virtual_pointer_manager_v1 * pointer_manager = nullptr;
    zwp_virtual_keyboard_manager_v1 * keyboard_manager = nullptr;
    zwlr_virtual_pointer_v1 * pointer = nullptr;
    zwp_virtual_keyboard_v1 * keyboard = nullptr;
    bool has_keymap = false;
};

Connection g;

void disconnect() {
    if (g.keyboard) zwp_virtual_keyboard_v1_destroy(g.keyboard);
    if (g.pointer) zwlr_virtual_pointer_v1_destroy(g.pointer);
    if (g.pointer_manager) zwlr_virtual_pointer_manager_v1_destroy(g.pointer_manager);
    if (g.keyboard_manager) wl_proxy_destroy(reinterpret_cast<wl_proxy *>(g.keyboard_manager));
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

void on_sync_done(void * data, wl_callback *, uint32_t) { *static_cast<bool *>(data) = true; }
const wl_callback_listener sync_listener = {on_sync_done};

// A round trip with a deadline (wl_display_roundtrip can wait for ever on a hung compositor):
// when it returns, the compositor has handled every request sent before it.
void roundtrip(const char * doing, int timeout_ms) {
    bool done = false;
    wl_callback * cb = wl_display_sync(g.display);
    wl_callback_add_listener(cb, &sync_listener, &done);
    flush(doing, timeout_ms);
    int deadline = static_cast<int>(now_ms()) + timeout_ms;
    while (!done) {
        while (wl_display_prepare_read(g.display) != 0) {
            if (wl_display_dispatch_pending(g.display) < 0) {
                wl_callback_destroy(cb);
                fail_connection(doing);
            }
        }
        if (done) {
            wl_display_cancel_read(g.display);
            break;
        }
        pollfd p{wl_display_get_fd(g.display), POLLIN, 0};
        int left = deadline - static_cast<int>(now_ms());
        if (left <= 0) {
            wl_display_cancel_read(g.display);
            wl_callback_destroy(cb);
            throw InputError{"TIMEOUT", std::string("the Wayland compositor did not answer within ") + std::to_string(timeout_ms) + " ms while " + doing};
        }
        int ready = poll(&p, 1, left);
        if (ready > 0) {
            if (wl_display_read_events(g.display) < 0 || wl_display_dispatch_pending(g.display) < 0) {
                wl_callback_destroy(cb);
                fail_connection(doing);
            }
        } else {
            wl_display_cancel_read(g.display);
        }
    }
    wl_callback_destroy(cb);
}

void on_global(void *, wl_registry * registry, uint32_t name, const char * interface, uint32_t) {
    if (std::strcmp(interface, wl_seat_interface.name) == 0 && !g.seat) {
        g.seat = static_cast<wl_seat *>(wl_registry_bind(registry, name, &wl_seat_interface, 1));
    } else if (std::strcmp(interface, zwlr_virtual_pointer_manager_v1_interface.name) == 0) {
        g.pointer_manager =
            static_cast<zwlr_virtual_pointer_manager_v1 *>(wl_registry_bind(registry, name, &zwlr_virtual_pointer_manager_v1_interface, 1));
    } else if (std::strcmp(interface, zwp_virtual_keyboard_manager_v1_interface.name) == 0) {
        g.keyboard_manager =
            static_cast<zwp_virtual_keyboard_manager_v1 *>(wl_registry_bind(registry, name, &zwp_virtual_keyboard_manager_v1_interface, 1));
    }
}

void on_global_remove(void *, wl_registry *, uint32_t) {}

const wl_registry_listener registry_listener = {on_global, on_global_remove};

constexpr int kTimeoutMs = 5000;

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
    if (!g.pointer_manager) {
        disconnect();
        throw InputError{"NO_VIRTUAL_POINTER", "this Wayland compositor offers no virtual-pointer protocol (zwlr_virtual_pointer_manager_v1); "
                                               "wlroots compositors such as sway and Hyprland have it"};
    }
    if (!g.keyboard_manager || !g.seat) {
        disconnect();
        throw InputError{"NO_VIRTUAL_KEYBOARD", "this Wayland compositor offers no virtual-keyboard protocol (zwp_virtual_keyboard_manager_v1) or no seat"};
    }
    g.pointer = zwlr_virtual_pointer_manager_v1_create_virtual_pointer(g.pointer_manager, g.seat);
    roundtrip("creating the virtual pointer", kTimeoutMs);
    return true;
}

// The keyboard is created with its first keymap, so a process that only points adds no keyboard
// to the seat (and a seat without a real keyboard does not gain and lose one per process).
void set_keymap(const std::string & text) {
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
        zwlr_virtual_pointer_v1_motion_absolute(g.pointer, now_ms(), x, y, w, h);
        zwlr_virtual_pointer_v1_frame(g.pointer);
    });
}

// pointerButton(button, pressed): a Linux input button code (BTN_LEFT 0x110, BTN_RIGHT 0x111, BTN_MIDDLE 0x112).
Napi::Value PointerButton(const Napi::CallbackInfo & info) {
    uint32_t button = arg_u32(info, 0, "button");
    bool pressed = info.Length() > 1 && info[1].ToBoolean().Value();
    return guarded(info, "pressing a pointer button", [&] {
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
    return guarded(info, "scrolling", [&] {
        uint32_t t = now_ms();
        zwlr_virtual_pointer_v1_axis_source(g.pointer, WL_POINTER_AXIS_SOURCE_WHEEL);
        // a wheel notch is 15 units of motion in libinput's convention, which clients scale by
        zwlr_virtual_pointer_v1_axis_discrete(g.pointer, t, axis, wl_fixed_from_int(15 * steps), steps);
        zwlr_virtual_pointer_v1_frame(g.pointer);
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
    exports.Set("close", Napi::Function::New(env, Close, "close"));
    return exports;
}

}  // namespace

NODE_API_MODULE(deskpilot_wayland, Init)
