/* test-sha256.c — SHA-256 (src/rt/sha256.c) against the FIPS 180-4 test
 * vectors, in one piece and in pieces of every size (sha256_add), which
 * is how pgc build hashes the specs: their tables, then their files. */
#include "pgc.h"
#include "unit.h"

#include <stdlib.h>

static const char *hash(const char *s, size_t n)
{
    static char out[65];
    sha256_hex(s, n, out);
    return out;
}

/* The same text hashed in pieces of `step` bytes. */
static const char *hash_pieces(const char *s, size_t n, size_t step)
{
    static char out[65];
    Sha256 c;
    sha256_init(&c);
    for (size_t i = 0; i < n; i += step)
        sha256_add(&c, s + i, n - i < step ? n - i : step);
    sha256_end_hex(&c, out);
    return out;
}

int main(void)
{
    const char *abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    const char *empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    const char *two_h = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    const char *million_a = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

    CHECK_STR(hash("abc", 3), abc);
    CHECK_STR(hash("", 0), empty);
    CHECK_STR(hash(two, strlen(two)), two_h);

    size_t n = 1000000;
    char *a = malloc(n);
    CHECK(a != NULL);
    if (a) {
        memset(a, 'a', n);
        CHECK_STR(hash(a, n), million_a);
        /* pieces across block boundaries: 1, 3, 55, 56, 63, 64, 65, 1000 bytes */
        const size_t steps[] = { 1, 3, 55, 56, 63, 64, 65, 1000 };
        for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
            CHECK_STR(hash_pieces(a, n, steps[i]), million_a);
        free(a);
    }
    for (size_t step = 1; step <= strlen(two); step++)
        CHECK_STR(hash_pieces(two, strlen(two), step), two_h);
    Sha256 c;                           /* no piece at all */
    char out[65];
    sha256_init(&c);
    sha256_end_hex(&c, out);
    CHECK_STR(out, empty);
    return unit_done();
}
