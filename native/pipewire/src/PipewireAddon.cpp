// Frames of screen-cast streams from PipeWire, as the XDG ScreenCast portal hands them out (GNOME,
// KDE Plasma, and any desktop whose portal casts screens). The portal conversation itself is
// D-Bus and lives in TypeScript (agent/platform/portal/); this addon only reads the stream
// the portal names: open(node, fd) once per cast monitor, then frame() per capture.
//
// Errors never end the process: each is a JS Error with a `code`:
//   NO_PIPEWIRE         PipeWire could not be reached (no daemon in this session, or a bad descriptor)
//   PIPEWIRE_LOST       the connection to PipeWire broke
//   STREAM_FAILED       the stream could not be made or failed
//   STREAM_ENDED        the desktop stopped the cast (the user ended sharing, or the session closed)
//   TIMEOUT             no frame came within the time allowed
//   UNSUPPORTED_FORMAT  the producer's pixels are in a layout we do not read
//   NO_STREAM           a handle that is not open
#include <napi.h>

#include "CastStream.h"

#include <cmath>
#include <cstdint>
#include <map>
#include <string>

namespace {

std::map<uint32_t, dp_cast *> streams;
uint32_t next_handle = 1;

[[noreturn]] void throw_coded(const Napi::Env & env, const char * code, const std::string & message) {
    Napi::Error error = Napi::Error::New(env, message);
    error.Set("code", Napi::String::New(env, code));
    throw error;
}

double arg_number(const Napi::CallbackInfo & info, size_t i, const char * what, double min, double max) {
    if (info.Length() <= i || !info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
    double v = info[i].As<Napi::Number>().DoubleValue();
    if (!(v >= min && v <= max) || std::floor(v) != v) throw Napi::RangeError::New(info.Env(), std::string(what) + " is out of range");
    return v;
}

dp_cast * stream_of(const Napi::CallbackInfo & info) {
    auto handle = static_cast<uint32_t>(arg_number(info, 0, "handle", 0, 4294967295.0));
    auto found = streams.find(handle);
    if (found == streams.end()) throw_coded(info.Env(), "NO_STREAM", "no screen-cast stream is open with handle " + std::to_string(handle));
    return found->second;
}

// open(node, fd = -1): a stream of PipeWire node `node`, through the portal's descriptor `fd`
// (or the user's PipeWire daemon where fd is -1); returns its handle.
Napi::Value Open(const Napi::CallbackInfo & info) {
    auto node = static_cast<uint32_t>(arg_number(info, 0, "node", 0, 4294967295.0));
    int fd = info.Length() > 1 && !info[1].IsUndefined() ? static_cast<int>(arg_number(info, 1, "fd", -1, 1 << 30)) : -1;
    dp_cast_error error{};
    dp_cast * cast = dp_cast_open(fd, node, &error);
    if (!cast) throw_coded(info.Env(), error.code, error.message);
    uint32_t handle = next_handle++;
    streams[handle] = cast;
    return Napi::Number::New(info.Env(), handle);
}

struct Allocation {
    Napi::Env env;
    Napi::Buffer<uint8_t> buffer;
    uint32_t width = 0;
    uint32_t height = 0;
};

uint8_t * allocate(void * context, uint32_t width, uint32_t height) {
    auto * a = static_cast<Allocation *>(context);
    a->buffer = Napi::Buffer<uint8_t>::New(a->env, static_cast<size_t>(width) * height * 4);
    a->width = width;
    a->height = height;
    return a->buffer.Data();
}

// frame(handle, newerThan, timeoutMs): the newest frame once one newer than sequence `newerThan`
// has come, as { data (RGBA), width, height, sequence }.
Napi::Value Frame(const Napi::CallbackInfo & info) {
    dp_cast * cast = stream_of(info);
    double newer_than = arg_number(info, 1, "newerThan", 0, 9007199254740991.0);
    int timeout_ms = static_cast<int>(arg_number(info, 2, "timeoutMs", 0, 600000));
    Allocation a{ info.Env(), Napi::Buffer<uint8_t>(), 0, 0 };
    dp_cast_error error{};
    uint64_t sequence = dp_cast_frame(cast, static_cast<uint64_t>(newer_than), timeout_ms, allocate, &a, &error);
    if (sequence == 0) throw_coded(info.Env(), error.code, error.message);
    Napi::Object frame = Napi::Object::New(info.Env());
    frame.Set("data", a.buffer);
    frame.Set("width", a.width);
    frame.Set("height", a.height);
    frame.Set("sequence", static_cast<double>(sequence));
    return frame;
}

// sequence(handle): the newest frame's sequence, 0 before the first.
Napi::Value Sequence(const Napi::CallbackInfo & info) {
    return Napi::Number::New(info.Env(), static_cast<double>(dp_cast_sequence(stream_of(info))));
}

// close(handle): ends the stream (a handle already closed is fine).
Napi::Value Close(const Napi::CallbackInfo & info) {
    auto handle = static_cast<uint32_t>(arg_number(info, 0, "handle", 0, 4294967295.0));
    auto found = streams.find(handle);
    if (found != streams.end()) {
        dp_cast_close(found->second);
        streams.erase(found);
    }
    return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
    exports.Set("open", Napi::Function::New(env, Open));
    exports.Set("frame", Napi::Function::New(env, Frame));
    exports.Set("sequence", Napi::Function::New(env, Sequence));
    exports.Set("close", Napi::Function::New(env, Close));
    return exports;
}

} // namespace

NODE_API_MODULE(deskpilot_pipewire, Init)
