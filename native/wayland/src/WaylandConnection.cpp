// The compositor connection (WaylandConnection.h): connecting and binding, waiting for the
// compositor with a deadline, the outputs' names and layout, the virtual devices and the keymap.
#include "WaylandConnection.h"

#include <poll.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace dpwl {

Connection g;

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

}  // namespace dpwl
