// Screen capture over X11's MIT-SHM extension: the X server writes the requested part of the
// root window into a shared-memory segment (XShmGetImage), and one pass copies it out as opaque
// RGBA. One connection and one segment per process, kept between captures; the segment grows
// when a larger region is asked for.
//
// Errors never end the process: protocol errors (a region off the screen, a server that cannot
// attach our segment, as over SSH forwarding) are caught by a scoped error handler, and a lost
// connection by an IO-error handler that returns for our connection and XSetIOErrorExitHandler
// (libX11 >= 1.7), which together let Xlib return instead of exit.
// Each error is a JS Error with a `code`:
//   NO_DISPLAY          the display could not be opened
//   NO_SHM              MIT-SHM is missing or cannot share memory with this server (use another source)
//   UNSUPPORTED_VISUAL  the root window is not 32-bit BGRA (use another source)
//   X_ERROR             the server refused the request (e.g. a region outside the screen)
//   DISPLAY_LOST        the connection to the X server broke; the next capture reconnects
#include <napi.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XShm.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

namespace {

struct CaptureError {
    std::string code;
    std::string message;
};

int g_x_error = 0;     // the last protocol error seen inside a ScopedErrorHandler
bool g_lost = false;   // set by the IO-error exit handler: the connection is gone

int record_x_error(Display *, XErrorEvent * e) {
    g_x_error = e->error_code;
    return 0;
}

// Xlib's handler is process-wide (nut-js and others may set their own): ours only while we call.
class ScopedErrorHandler {
  public:
    ScopedErrorHandler() : previous_(XSetErrorHandler(record_x_error)) { g_x_error = 0; }
    ~ScopedErrorHandler() { XSetErrorHandler(previous_); }
    ScopedErrorHandler(const ScopedErrorHandler &) = delete;
    ScopedErrorHandler & operator=(const ScopedErrorHandler &) = delete;

  private:
    XErrorHandler previous_;
};

void on_connection_lost(Display *, void *) { g_lost = true; }

// Xlib's IO-error handler is process-wide too, and its default ends the process before the
// exit handler is asked. Ours returns for our own connection and hands others to the one before.
Display * g_own = nullptr;
XIOErrorHandler g_previous_io = nullptr;

int on_io_error(Display * dpy) {
    if (dpy == g_own) {
        g_lost = true;
        return 0;
    }
    return g_previous_io ? g_previous_io(dpy) : 0;
}

void install_io_error_handler() {
    XIOErrorHandler previous = XSetIOErrorHandler(on_io_error);
    if (previous != on_io_error) g_previous_io = previous;
}

std::string x_error_text(Display * dpy, int code) {
    char text[256] = {0};
    XGetErrorText(dpy, code, text, sizeof text);
    return std::string(text) + " (X error " + std::to_string(code) + ")";
}

class Connection {
  public:
    ~Connection() { close(); }

    // Copies `w`x`h` pixels at (`x`, `y`) of the root window into `out` (w*h*4 bytes) as opaque RGBA.
    void grab(const std::string & name, int x, int y, int w, int h, uint8_t * out) {
        open(name);
        ensure_segment(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
        ScopedErrorHandler scope;
        XImage * image = XShmCreateImage(dpy_, visual_, depth_, ZPixmap, segment_.shmaddr, &segment_, w, h);
        if (!image) throw CaptureError{"X_ERROR", "XShmCreateImage failed for " + std::to_string(w) + "x" + std::to_string(h)};
        const Bool ok = XShmGetImage(dpy_, root_, image, x, y, AllPlanes);
        const int stride = image->bytes_per_line;
        image->data = nullptr;  // the pixels belong to the segment, not to the image
        XDestroyImage(image);
        check_lost();
        if (!ok || g_x_error != 0) {
            throw CaptureError{"X_ERROR", "the X server refused to read " + std::to_string(w) + "x" + std::to_string(h) + "+" +
                                              std::to_string(x) + "+" + std::to_string(y) + " of a " + std::to_string(screen_w_) + "x" +
                                              std::to_string(screen_h_) + " screen: " + x_error_text(dpy_, g_x_error ? g_x_error : BadMatch)};
        }
        // BGRA words (0xAARRGGBB, little-endian) to RGBA bytes (0xFFBBGGRR), alpha forced opaque
        for (int row = 0; row < h; row++) {
            const uint32_t * src = reinterpret_cast<const uint32_t *>(segment_.shmaddr + static_cast<size_t>(row) * stride);
            uint32_t * dst = reinterpret_cast<uint32_t *>(out + static_cast<size_t>(row) * w * 4);
            for (int i = 0; i < w; i++) {
                const uint32_t v = src[i];
                dst[i] = 0xff000000u | ((v & 0xffu) << 16) | (v & 0xff00u) | ((v >> 16) & 0xffu);
            }
        }
    }

    void close() {
        if (dpy_ && !g_lost) {
            ScopedErrorHandler scope;
            if (attached_) XShmDetach(dpy_, &segment_);
            XCloseDisplay(dpy_);
        }
        // a lost connection is left as it is: closing it would only raise the IO error again
        dpy_ = nullptr;
        g_own = nullptr;
        attached_ = false;
        release_segment();
        g_lost = false;
    }

  private:
    void open(const std::string & name) {
        if (dpy_ && name == name_) return;
        close();
        dpy_ = XOpenDisplay(name.empty() ? nullptr : name.c_str());
        if (!dpy_) throw CaptureError{"NO_DISPLAY", "cannot open the X display " + (name.empty() ? std::string("(DISPLAY unset)") : name)};
        name_ = name;
        g_own = dpy_;
        install_io_error_handler();
        XSetIOErrorExitHandler(dpy_, on_connection_lost, nullptr);
        const int screen = DefaultScreen(dpy_);
        root_ = RootWindow(dpy_, screen);
        visual_ = DefaultVisual(dpy_, screen);
        depth_ = DefaultDepth(dpy_, screen);
        screen_w_ = DisplayWidth(dpy_, screen);
        screen_h_ = DisplayHeight(dpy_, screen);
        if (!XShmQueryExtension(dpy_)) {
            close();
            throw CaptureError{"NO_SHM", "the X server has no MIT-SHM extension"};
        }
        // the one layout the copy knows: 32 bits per pixel, little-endian, red in bits 16-23
        int formats = 0;
        XPixmapFormatValues * list = XListPixmapFormats(dpy_, &formats);
        int bpp = 0;
        for (int i = 0; i < formats; i++)
            if (list[i].depth == depth_) bpp = list[i].bits_per_pixel;
        if (list) XFree(list);
        if (bpp != 32 || ImageByteOrder(dpy_) != LSBFirst || visual_->red_mask != 0xff0000 || visual_->green_mask != 0xff00 ||
            visual_->blue_mask != 0xff) {
            const int d = depth_;
            close();
            throw CaptureError{"UNSUPPORTED_VISUAL", "the root window is depth " + std::to_string(d) + " at " + std::to_string(bpp) +
                                                         " bits per pixel, not 32-bit BGRA"};
        }
    }

    void ensure_segment(size_t bytes) {
        if (attached_ && segment_bytes_ >= bytes) return;
        if (attached_) {
            ScopedErrorHandler scope;
            XShmDetach(dpy_, &segment_);
            XSync(dpy_, False);
            attached_ = false;
        }
        release_segment();
        segment_.shmid = shmget(IPC_PRIVATE, bytes, IPC_CREAT | 0600);
        if (segment_.shmid < 0) throw CaptureError{"NO_SHM", "shmget of " + std::to_string(bytes) + " bytes failed: " + std::strerror(errno)};
        void * at = shmat(segment_.shmid, nullptr, 0);
        if (at == reinterpret_cast<void *>(-1)) {
            shmctl(segment_.shmid, IPC_RMID, nullptr);
            segment_.shmid = -1;
            throw CaptureError{"NO_SHM", std::string("shmat failed: ") + std::strerror(errno)};
        }
        segment_.shmaddr = static_cast<char *>(at);
        segment_.readOnly = False;
        segment_bytes_ = bytes;
        ScopedErrorHandler scope;
        XShmAttach(dpy_, &segment_);
        XSync(dpy_, False);
        // marked for removal once both sides hold it: it goes when the last one detaches, even after a crash
        shmctl(segment_.shmid, IPC_RMID, nullptr);
        check_lost();
        if (g_x_error != 0) {
            const std::string why = x_error_text(dpy_, g_x_error);
            release_segment();
            throw CaptureError{"NO_SHM", "the X server cannot attach our shared memory (a remote or sandboxed server?): " + why};
        }
        attached_ = true;
    }

    void release_segment() {
        if (segment_.shmaddr) shmdt(segment_.shmaddr);
        segment_.shmaddr = nullptr;
        segment_.shmid = -1;
        segment_bytes_ = 0;
    }

    void check_lost() {
        if (!g_lost) return;
        dpy_ = nullptr;  // not closed: see close()
        // g_own stays: Xlib may report the dead connection again, and it must not end the process
        attached_ = false;
        release_segment();
        g_lost = false;
        throw CaptureError{"DISPLAY_LOST", "the connection to the X display " + name_ + " was lost"};
    }

    Display * dpy_ = nullptr;
    std::string name_;
    Window root_ = 0;
    Visual * visual_ = nullptr;
    int depth_ = 0;
    int screen_w_ = 0;
    int screen_h_ = 0;
    XShmSegmentInfo segment_{0, -1, nullptr, False};
    size_t segment_bytes_ = 0;
    bool attached_ = false;
};

Connection g_connection;

Napi::Error js_error(Napi::Env env, const CaptureError & e) {
    Napi::Error error = Napi::Error::New(env, e.message);
    error.Set("code", Napi::String::New(env, e.code));
    return error;
}

// grab(displayName: string, x, y, width, height): Buffer of width*height*4 opaque RGBA bytes
Napi::Value Grab(const Napi::CallbackInfo & info) {
    Napi::Env env = info.Env();
    if (info.Length() != 5 || !info[0].IsString() || !info[1].IsNumber() || !info[2].IsNumber() || !info[3].IsNumber() ||
        !info[4].IsNumber()) {
        throw Napi::TypeError::New(env, "grab(displayName, x, y, width, height)");
    }
    const int x = info[1].As<Napi::Number>().Int32Value();
    const int y = info[2].As<Napi::Number>().Int32Value();
    const int w = info[3].As<Napi::Number>().Int32Value();
    const int h = info[4].As<Napi::Number>().Int32Value();
    if (w <= 0 || h <= 0 || w > 32768 || h > 32768) throw Napi::RangeError::New(env, "width and height must be 1..32768");
    Napi::Buffer<uint8_t> out = Napi::Buffer<uint8_t>::New(env, static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
    try {
        g_connection.grab(info[0].As<Napi::String>().Utf8Value(), x, y, w, h, out.Data());
    } catch (const CaptureError & e) {
        throw js_error(env, e);
    }
    return out;
}

// close(): drops the connection and the segment (the next grab opens them again)
Napi::Value Close(const Napi::CallbackInfo & info) {
    g_connection.close();
    return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
    exports.Set("grab", Napi::Function::New(env, Grab, "grab"));
    exports.Set("close", Napi::Function::New(env, Close, "close"));
    return exports;
}

}  // namespace

NODE_API_MODULE(deskpilot_capture, Init)
