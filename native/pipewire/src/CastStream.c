// A PipeWire video stream from a screen-cast node, kept open between captures. The producer (the
// compositor through its portal) sends a frame when the screen changes; the newest buffer is
// held here, the one before it given back, so a capture reads the screen as it is now without a
// copy per frame. Shared memory only (MemFd, MemPtr): we offer no DMA-BUF modifiers, so
// producers send frames the CPU can read. When the desktop stops sharing (its indicator, the
// user's "Stop"), the compositor destroys its node: the registry says so and the stream's
// buffers are taken back, so the held one is forgotten and the next capture fails with
// STREAM_ENDED instead of reading freed memory.
#include "CastStream.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pipewire/pipewire.h>
#include <spa/buffer/meta.h>
#include <spa/param/video/format-utils.h>
#include <spa/pod/builder.h>
#include <spa/utils/result.h>

struct dp_cast {
    struct pw_thread_loop * loop;
    struct pw_context * context;
    struct pw_core * core;
    struct spa_hook core_listener;
    struct pw_registry * registry;
    struct spa_hook registry_listener;
    struct pw_stream * stream;
    struct spa_hook stream_listener;
    uint32_t node;
    // negotiated format
    struct spa_video_info_raw format;
    int have_format;
    // the newest frame, held until a newer one comes
    struct pw_buffer * held;
    uint64_t sequence;
    // a failure seen on the loop thread (stream error, core error, disconnect)
    const char * failure_code;
    char failure[400];
};

static void fail_with(dp_cast_error * error, const char * code, const char * fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail_with(dp_cast_error * error, const char * code, const char * fmt, ...) {
    va_list args;
    va_start(args, fmt);
    error->code = code;
    vsnprintf(error->message, sizeof error->message, fmt, args);
    va_end(args);
}

static void note_failure(struct dp_cast * cast, const char * code, const char * what) {
    if (cast->failure_code) return;
    cast->failure_code = code;
    snprintf(cast->failure, sizeof cast->failure, "%s", what);
    pw_thread_loop_signal(cast->loop, false);
}

static void on_core_error(void * data, uint32_t id, int seq, int res, const char * message) {
    (void)seq;
    struct dp_cast * cast = data;
    char what[360];
    snprintf(what, sizeof what, "PipeWire reported an error on object %u: %s (%s)", id, message ? message : "", spa_strerror(res));
    if (id == PW_ID_CORE || res == -EPIPE) note_failure(cast, "PIPEWIRE_LOST", what);
}

static const struct pw_core_events core_events = {
    PW_VERSION_CORE_EVENTS,
    .error = on_core_error,
};

static void on_global_remove(void * data, uint32_t id) {
    struct dp_cast * cast = data;
    char what[360];
    if (id != cast->node) return;
    snprintf(what, sizeof what, "the screen-cast stream (PipeWire node %u) ended: the desktop stopped sharing the screen", cast->node);
    note_failure(cast, "STREAM_ENDED", what);
}

static const struct pw_registry_events registry_events = {
    PW_VERSION_REGISTRY_EVENTS,
    .global_remove = on_global_remove,
};

static void on_state_changed(void * data, enum pw_stream_state old, enum pw_stream_state state, const char * error) {
    struct dp_cast * cast = data;
    char what[360];
    if (state == PW_STREAM_STATE_ERROR) {
        snprintf(what, sizeof what, "the screen-cast stream (PipeWire node %u) failed: %s", cast->node, error ? error : "no reason given");
        note_failure(cast, "STREAM_FAILED", what);
    } else if (state == PW_STREAM_STATE_UNCONNECTED && old != PW_STREAM_STATE_UNCONNECTED) {
        snprintf(what, sizeof what, "the screen-cast stream (PipeWire node %u) ended: the desktop stopped sharing the screen", cast->node);
        note_failure(cast, "STREAM_ENDED", what);
    }
    pw_thread_loop_signal(cast->loop, false);
}

static void on_param_changed(void * data, uint32_t id, const struct spa_pod * param) {
    struct dp_cast * cast = data;
    if (id != SPA_PARAM_Format) return;
    if (param == NULL) {
        cast->have_format = 0; // the link went away; its buffers follow
        return;
    }
    uint32_t media_type, media_subtype;
    if (spa_format_parse(param, &media_type, &media_subtype) < 0 || media_type != SPA_MEDIA_TYPE_video || media_subtype != SPA_MEDIA_SUBTYPE_raw) return;
    if (spa_format_video_raw_parse(param, &cast->format) < 0) return;
    cast->have_format = 1;

    uint8_t storage[1024];
    struct spa_pod_builder b = SPA_POD_BUILDER_INIT(storage, sizeof storage);
    const struct spa_pod * params[3];
    params[0] = spa_pod_builder_add_object(&b, SPA_TYPE_OBJECT_ParamBuffers, SPA_PARAM_Buffers,
        SPA_PARAM_BUFFERS_buffers, SPA_POD_CHOICE_RANGE_Int(4, 2, 16),
        SPA_PARAM_BUFFERS_blocks, SPA_POD_Int(1),
        SPA_PARAM_BUFFERS_dataType, SPA_POD_CHOICE_FLAGS_Int((1 << SPA_DATA_MemFd) | (1 << SPA_DATA_MemPtr)));
    params[1] = spa_pod_builder_add_object(&b, SPA_TYPE_OBJECT_ParamMeta, SPA_PARAM_Meta,
        SPA_PARAM_META_type, SPA_POD_Id(SPA_META_Header),
        SPA_PARAM_META_size, SPA_POD_Int(sizeof(struct spa_meta_header)));
    params[2] = spa_pod_builder_add_object(&b, SPA_TYPE_OBJECT_ParamMeta, SPA_PARAM_Meta,
        SPA_PARAM_META_type, SPA_POD_Id(SPA_META_VideoCrop),
        SPA_PARAM_META_size, SPA_POD_Int(sizeof(struct spa_meta_region)));
    pw_stream_update_params(cast->stream, params, 3);
}

// A buffer worth keeping: it has pixels, not only a cursor update or a damaged frame.
static int has_picture(struct pw_buffer * buffer) {
    struct spa_buffer * spa = buffer->buffer;
    if (spa->n_datas < 1 || spa->datas[0].data == NULL || spa->datas[0].chunk == NULL) return 0;
    if (spa->datas[0].chunk->size == 0) return 0;
    if (spa->datas[0].chunk->flags & SPA_CHUNK_FLAG_CORRUPTED) return 0;
    struct spa_meta_header * header = spa_buffer_find_meta_data(spa, SPA_META_Header, sizeof *header);
    if (header && (header->flags & SPA_META_HEADER_FLAG_CORRUPTED)) return 0;
    return 1;
}

static void on_process(void * data) {
    struct dp_cast * cast = data;
    struct pw_buffer * newest = NULL;
    struct pw_buffer * buffer;
    while ((buffer = pw_stream_dequeue_buffer(cast->stream)) != NULL) {
        if (!has_picture(buffer)) {
            pw_stream_queue_buffer(cast->stream, buffer);
            continue;
        }
        if (newest) pw_stream_queue_buffer(cast->stream, newest);
        newest = buffer;
    }
    if (!newest) return;
    if (cast->held) pw_stream_queue_buffer(cast->stream, cast->held);
    cast->held = newest;
    cast->sequence++;
    pw_thread_loop_signal(cast->loop, false);
}

// PipeWire takes the stream's buffers back (a new format, the producer gone): the held one goes with them.
static void on_remove_buffer(void * data, struct pw_buffer * buffer) {
    struct dp_cast * cast = data;
    if (cast->held == buffer) cast->held = NULL;
}

static const struct pw_stream_events stream_events = {
    PW_VERSION_STREAM_EVENTS,
    .state_changed = on_state_changed,
    .param_changed = on_param_changed,
    .remove_buffer = on_remove_buffer,
    .process = on_process,
};

void dp_cast_close(dp_cast * cast) {
    if (!cast) return;
    if (cast->loop) pw_thread_loop_stop(cast->loop);
    if (cast->stream) {
        if (cast->held) pw_stream_queue_buffer(cast->stream, cast->held);
        pw_stream_destroy(cast->stream);
    }
    if (cast->registry) {
        spa_hook_remove(&cast->registry_listener);
        pw_proxy_destroy((struct pw_proxy *)cast->registry);
    }
    if (cast->core) pw_core_disconnect(cast->core);
    if (cast->context) pw_context_destroy(cast->context);
    if (cast->loop) pw_thread_loop_destroy(cast->loop);
    free(cast);
}

dp_cast * dp_cast_open(int fd, uint32_t node, dp_cast_error * error) {
    static int initialised = 0;
    if (!initialised) {
        pw_init(NULL, NULL);
        initialised = 1;
    }
    struct dp_cast * cast = calloc(1, sizeof *cast);
    if (!cast) {
        fail_with(error, "STREAM_FAILED", "out of memory");
        return NULL;
    }
    cast->node = node;
    cast->loop = pw_thread_loop_new("deskpilot-cast", NULL);
    cast->context = cast->loop ? pw_context_new(pw_thread_loop_get_loop(cast->loop), NULL, 0) : NULL;
    if (!cast->context || pw_thread_loop_start(cast->loop) < 0) {
        fail_with(error, "NO_PIPEWIRE", "could not start a PipeWire client loop: %s", strerror(errno));
        dp_cast_close(cast);
        return NULL;
    }
    pw_thread_loop_lock(cast->loop);
    int own = fd >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 3) : -1;
    cast->core = fd >= 0 ? (own >= 0 ? pw_context_connect_fd(cast->context, own, NULL, 0) : NULL) : pw_context_connect(cast->context, NULL, 0);
    if (!cast->core) {
        int why = errno;
        pw_thread_loop_unlock(cast->loop);
        fail_with(error, "NO_PIPEWIRE",
            fd >= 0 ? "could not connect to PipeWire through the portal's descriptor: %s"
                    : "could not connect to the PipeWire daemon (is pipewire running in this session? XDG_RUNTIME_DIR must be the session's): %s",
            strerror(why));
        dp_cast_close(cast);
        return NULL;
    }
    pw_core_add_listener(cast->core, &cast->core_listener, &core_events, cast);
    cast->registry = pw_core_get_registry(cast->core, PW_VERSION_REGISTRY, 0);
    if (cast->registry) pw_registry_add_listener(cast->registry, &cast->registry_listener, &registry_events, cast);
    cast->stream = pw_stream_new(cast->core, "DeskPilot screen capture",
        pw_properties_new(PW_KEY_MEDIA_TYPE, "Video", PW_KEY_MEDIA_CATEGORY, "Capture", PW_KEY_MEDIA_ROLE, "Screen", NULL));
    if (!cast->stream) {
        pw_thread_loop_unlock(cast->loop);
        fail_with(error, "STREAM_FAILED", "could not create a PipeWire stream: %s", strerror(errno));
        dp_cast_close(cast);
        return NULL;
    }
    pw_stream_add_listener(cast->stream, &cast->stream_listener, &stream_events, cast);

    uint8_t storage[1024];
    struct spa_pod_builder b = SPA_POD_BUILDER_INIT(storage, sizeof storage);
    const struct spa_pod * params[1];
    params[0] = spa_pod_builder_add_object(&b, SPA_TYPE_OBJECT_Format, SPA_PARAM_EnumFormat,
        SPA_FORMAT_mediaType, SPA_POD_Id(SPA_MEDIA_TYPE_video),
        SPA_FORMAT_mediaSubtype, SPA_POD_Id(SPA_MEDIA_SUBTYPE_raw),
        SPA_FORMAT_VIDEO_format, SPA_POD_CHOICE_ENUM_Id(9, SPA_VIDEO_FORMAT_BGRx, SPA_VIDEO_FORMAT_BGRx, SPA_VIDEO_FORMAT_BGRA,
            SPA_VIDEO_FORMAT_RGBx, SPA_VIDEO_FORMAT_RGBA, SPA_VIDEO_FORMAT_xRGB, SPA_VIDEO_FORMAT_ARGB, SPA_VIDEO_FORMAT_xBGR,
            SPA_VIDEO_FORMAT_ABGR),
        SPA_FORMAT_VIDEO_size, SPA_POD_CHOICE_RANGE_Rectangle(&SPA_RECTANGLE(1920, 1080), &SPA_RECTANGLE(1, 1), &SPA_RECTANGLE(16384, 16384)),
        SPA_FORMAT_VIDEO_framerate, SPA_POD_CHOICE_RANGE_Fraction(&SPA_FRACTION(30, 1), &SPA_FRACTION(0, 1), &SPA_FRACTION(1000, 1)));
    int connected = pw_stream_connect(cast->stream, PW_DIRECTION_INPUT, node,
        PW_STREAM_FLAG_AUTOCONNECT | PW_STREAM_FLAG_MAP_BUFFERS, params, 1);
    pw_thread_loop_unlock(cast->loop);
    if (connected < 0) {
        fail_with(error, "STREAM_FAILED", "could not connect to the screen-cast stream (PipeWire node %u): %s", node, spa_strerror(connected));
        dp_cast_close(cast);
        return NULL;
    }
    return cast;
}

uint64_t dp_cast_sequence(dp_cast * cast) {
    pw_thread_loop_lock(cast->loop);
    uint64_t sequence = cast->sequence;
    pw_thread_loop_unlock(cast->loop);
    return sequence;
}

// Byte offsets of R, G, B in a 4-byte pixel of each offered format.
static int channel_offsets(uint32_t format, int * r, int * g, int * b) {
    switch (format) {
    case SPA_VIDEO_FORMAT_BGRx: case SPA_VIDEO_FORMAT_BGRA: *r = 2; *g = 1; *b = 0; return 1;
    case SPA_VIDEO_FORMAT_RGBx: case SPA_VIDEO_FORMAT_RGBA: *r = 0; *g = 1; *b = 2; return 1;
    case SPA_VIDEO_FORMAT_xRGB: case SPA_VIDEO_FORMAT_ARGB: *r = 1; *g = 2; *b = 3; return 1;
    case SPA_VIDEO_FORMAT_xBGR: case SPA_VIDEO_FORMAT_ABGR: *r = 3; *g = 2; *b = 1; return 1;
    default: return 0;
    }
}

uint64_t dp_cast_frame(dp_cast * cast, uint64_t newer_than, int timeout_ms, dp_cast_alloc alloc, void * context, dp_cast_error * error) {
    pw_thread_loop_lock(cast->loop);
    struct timespec until;
    pw_thread_loop_get_time(cast->loop, &until, (int64_t)timeout_ms * SPA_NSEC_PER_MSEC);
    while (!cast->failure_code && !(cast->held && cast->sequence > newer_than)) {
        if (pw_thread_loop_timed_wait_full(cast->loop, &until) == -ETIMEDOUT) break;
    }
    if (cast->failure_code) {
        fail_with(error, cast->failure_code, "%s", cast->failure);
        pw_thread_loop_unlock(cast->loop);
        return 0;
    }
    if (!cast->held) {
        const char * why = NULL;
        enum pw_stream_state state = pw_stream_get_state(cast->stream, &why);
        fail_with(error, "TIMEOUT",
            "no frame from the screen-cast stream (PipeWire node %u) within %d ms; the stream is %s%s%s",
            cast->node, timeout_ms, pw_stream_state_as_string(state),
            state == PW_STREAM_STATE_PAUSED || state == PW_STREAM_STATE_CONNECTING ? " (is a session manager, e.g. wireplumber, running?)" : "",
            why ? why : "");
        pw_thread_loop_unlock(cast->loop);
        return 0;
    }
    int r, g, b;
    if (!cast->have_format || !channel_offsets(cast->format.format, &r, &g, &b)) {
        fail_with(error, "UNSUPPORTED_FORMAT", "the screen-cast stream sends pixels in a format DeskPilot does not read (SPA video format %u)", cast->format.format);
        pw_thread_loop_unlock(cast->loop);
        return 0;
    }
    struct spa_buffer * spa = cast->held->buffer;
    const struct spa_data * plane = &spa->datas[0];
    uint32_t x0 = 0, y0 = 0, width = cast->format.size.width, height = cast->format.size.height;
    struct spa_meta_region * crop = spa_buffer_find_meta_data(spa, SPA_META_VideoCrop, sizeof *crop);
    if (crop && spa_meta_region_is_valid(crop) && crop->region.position.x >= 0 && crop->region.position.y >= 0 &&
        crop->region.position.x + crop->region.size.width <= width && crop->region.position.y + crop->region.size.height <= height) {
        x0 = (uint32_t)crop->region.position.x;
        y0 = (uint32_t)crop->region.position.y;
        width = crop->region.size.width;
        height = crop->region.size.height;
    }
    int32_t stride = plane->chunk->stride ? plane->chunk->stride : (int32_t)(cast->format.size.width * 4);
    const uint8_t * base = (const uint8_t *)plane->data + plane->chunk->offset;
    size_t needed = (size_t)(y0 + height - 1) * (size_t)(stride < 0 ? -stride : stride) + (size_t)(x0 + width) * 4;
    if (stride <= 0 || plane->chunk->offset + needed > plane->maxsize) {
        fail_with(error, "UNSUPPORTED_FORMAT", "the screen-cast frame's layout (%ux%u, stride %d, %u bytes) does not hold its pixels",
            cast->format.size.width, cast->format.size.height, stride, plane->maxsize);
        pw_thread_loop_unlock(cast->loop);
        return 0;
    }
    uint8_t * out = alloc(context, width, height);
    if (!out) {
        fail_with(error, "STREAM_FAILED", "out of memory for a %ux%u frame", width, height);
        pw_thread_loop_unlock(cast->loop);
        return 0;
    }
    for (uint32_t y = 0; y < height; y++) {
        const uint8_t * row = base + (size_t)(y0 + y) * (size_t)stride + (size_t)x0 * 4;
        uint8_t * to = out + (size_t)y * width * 4;
        for (uint32_t x = 0; x < width; x++, row += 4, to += 4) {
            to[0] = row[r];
            to[1] = row[g];
            to[2] = row[b];
            to[3] = 255;
        }
    }
    uint64_t sequence = cast->sequence;
    pw_thread_loop_unlock(cast->loop);
    return sequence;
}
