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

#include "WaylandConnection.h"

#include <string>

namespace {

using namespace dpwl;

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
