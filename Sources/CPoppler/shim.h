#ifndef GAPCHECK_CPOPPLER_SHIM_H
#define GAPCHECK_CPOPPLER_SHIM_H
#include <poppler.h>
#include <glib.h>

// Swift cannot import GLib's object macros; these give it plain functions.
static inline void gc_object_unref(void *obj) { g_object_unref(obj); }

// SHA-256 of a buffer as lowercase hex, through GLib (already linked for poppler). Caller frees with g_free.
static inline char *gc_sha256_hex(const void *data, size_t length) {
    return g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, (gsize)length);
}
#endif
