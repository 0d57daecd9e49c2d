/* unit.h — a minimal harness for the C unit tests: CHECK records a
 * failure with its line and goes on; unit_done reports and sets the exit
 * status Automake reads. */
#ifndef UNIT_H
#define UNIT_H
#include <stdio.h>
#include <string.h>

static int unit_failures, unit_checks;

#define CHECK(cond)                                                         \
    do {                                                                    \
        unit_checks++;                                                      \
        if (!(cond)) {                                                      \
            unit_failures++;                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                   \
    } while (0)

#define CHECK_STR(got, want)                                                \
    do {                                                                    \
        const char *g_ = (got), *w_ = (want);                               \
        unit_checks++;                                                      \
        if (strcmp(g_, w_) != 0) {                                          \
            unit_failures++;                                                \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, w_); \
        }                                                                   \
    } while (0)

static inline int unit_done(void)
{
    printf("%d checks, %d failed\n", unit_checks, unit_failures);
    return unit_failures ? 1 : 0;
}
#endif
