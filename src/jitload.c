/*
 * jitload.c — dlopen libgccjit on first use (see gccjit-dl.h).
 */
#define PGC_GCCJIT_DL_IMPL
#include "gccjit-dl.h"
#include "pgc.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#define X(f) __typeof__(f) *pgc_##f;
PGC_GCCJIT_FUNCTIONS(X)
#undef X

bool jit_load(const char **why)
{
    static int state;                       /* 0 not tried, 1 loaded, -1 failed */
    static char msg[512];
    if (state == 0) {
        const char *lib = getenv("PGC_LIBGCCJIT");     /* another build of it; tests */
        void *h = dlopen(lib && *lib ? lib : "libgccjit.so.0", RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            /* TRANSLATORS: dlerror()'s message (English) */
            snprintf(msg, sizeof msg, _("the JIT cannot compile: install the Debian package 'libgccjit0' (%s)"),
                     dlerror());
            state = -1;
        } else {
            state = 1;
            /* POSIX lets dlsym's object pointer be a function pointer */
#define X(f)                                                                                  \
    if (state == 1) {                                                                         \
        void *p = dlsym(h, #f);                                                               \
        if (p) {                                                                              \
            memcpy(&pgc_##f, &p, sizeof p);                                                   \
        } else {                                                                              \
            snprintf(msg, sizeof msg, _("the JIT cannot compile: libgccjit.so.0 has no %s"), #f); \
            state = -1;                                                                       \
        }                                                                                     \
    }
            PGC_GCCJIT_FUNCTIONS(X)
#undef X
        }
    }
    *why = state > 0 ? NULL : msg;
    return state > 0;
}
