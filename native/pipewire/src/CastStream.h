// One screen-cast stream read from PipeWire: the node a portal's ScreenCast session names, its
// newest frame kept (the buffer held, not copied) until a newer one comes or the caller asks.
// C, because PipeWire's SPA pod builder macros are C.
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dp_cast dp_cast;

/** Why a call failed: a stable code (see PipewireAddon.cpp) and a sentence. */
typedef struct {
    const char * code;
    char message[512];
} dp_cast_error;

/**
 * Connects to PipeWire (through `fd` where >= 0, the portal's OpenPipeWireRemote descriptor,
 * which is duplicated; else the user's PipeWire daemon) and asks for node `node` as raw video.
 * NULL with `error` set on failure.
 */
dp_cast * dp_cast_open(int fd, uint32_t node, dp_cast_error * error);

/** Where a frame is written: called once with its size; returns width*height*4 bytes, or NULL. */
typedef uint8_t * (*dp_cast_alloc)(void * context, uint32_t width, uint32_t height);

/**
 * The newest frame as opaque RGBA, once one with a sequence above `newer_than` has come (the
 * first frame: newer_than 0), waiting at most `timeout_ms`. Returns the frame's sequence (≥ 1),
 * or 0 with `error` set.
 */
uint64_t dp_cast_frame(dp_cast * cast, uint64_t newer_than, int timeout_ms, dp_cast_alloc alloc, void * context, dp_cast_error * error);

/** The sequence of the newest frame held (0: none yet), without waiting. */
uint64_t dp_cast_sequence(dp_cast * cast);

/** Disconnects and frees. */
void dp_cast_close(dp_cast * cast);

#ifdef __cplusplus
}
#endif
