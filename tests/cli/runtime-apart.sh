#!/bin/sh
# runtime-apart.sh — the runtime (src/rt/, libpgcrt.a) stands apart from
# the compiler: no runtime file includes a compiler header (Makefile.am
# compiles them with src/rt/ alone on the include path, so one that did
# would not build); libpgcrt.a needs no symbol of the compiler's libpgc.a;
# and a built evaluator carries no front-end symbol — no scanner (yy*,
# lex_), parser (parse_), syntax tree (ast_), checker (chk_), formatter
# (fmt_), importer (imp_), stdlib loader or lowering, beyond what the C
# library linked into it (statically) defines.
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}" "${TOP_BUILDDIR:?}"
command -v nm >/dev/null 2>&1 || skip "no nm (binutils)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-rt.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
front='^(yy|pgl_|lex_|parse_|ast_|chk_|fmt_|imp_|std_load|std_add_path|ev_lower|ev_scheme|jit_gen_|jit_new|cmd_)'

bad=$(cd "$TOP_SRCDIR" && grep -l -E '#include "(pgc|parse|parser|lexer|gccjit-dl)\.h"' src/rt/*.c src/rt/*.h)
[ -z "$bad" ] || fail "runtime files include compiler headers: $bad"

rt=$TOP_BUILDDIR/libpgcrt.a
pgc=$TOP_BUILDDIR/libpgc.a
[ -f "$rt" ] && [ -f "$pgc" ] || { echo "ERROR: no $rt or $pgc"; exit 99; }
nm -g --defined-only "$rt" | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/rt-def"
nm -g --defined-only "$pgc" | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/pgc-def"
nm -g --undefined-only "$rt" | awk '{ print $NF }' | sort -u >"$tmp/rt-undef"
need=$(comm -23 "$tmp/rt-undef" "$tmp/rt-def" | comm -12 - "$tmp/pgc-def")
[ -z "$need" ] || fail "libpgcrt.a needs the compiler's: $(echo $need)"
grep -E "$front" "$tmp/rt-def" >"$tmp/rt-front" && fail "libpgcrt.a defines front-end symbols: $(tr '\n' ' ' <"$tmp/rt-front")"
# its local symbols too: no parser's tables (yycheck…), no static parse_…
nm "$rt" | awk 'NF == 3 { print $3 }' | grep -E "$front" | sort -u >"$tmp/rt-local"
[ -s "$tmp/rt-local" ] && fail "libpgcrt.a holds front-end symbols: $(head -n 20 "$tmp/rt-local" | tr '\n' ' ')"

# A static evaluator holds glibc's libc.a as well, whose gettext reads
# plural forms with a yacc parser of its own (yycheck, yytable…) and whose
# wordexp has parse_… functions: what the C library defines is not looked at.
libc_a=$(${CC:-cc} -print-file-name=libc.a 2>/dev/null)
if [ -f "$libc_a" ]; then
    nm "$libc_a" 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/libc-syms"
else
    : >"$tmp/libc-syms"
fi

cd "$TOP_SRCDIR" || exit 99
if "$PGC" build examples/ -o "$tmp/ev" 2>"$tmp/build.err"; then
    nm "$tmp/ev" | awk 'NF == 3 { print $3 }' | sort -u | comm -23 - "$tmp/libc-syms" | grep -E "$front" >"$tmp/ev-front" &&
        fail "the evaluator carries front-end symbols: $(head -n 20 "$tmp/ev-front" | tr '\n' ' ')"
    nm "$tmp/ev" | grep -q ' T pgc_rt_main$' || fail "nm sees no pgc_rt_main in the evaluator (stripped?)"
else
    grep -q 'cannot compile' "$tmp/build.err" && skip "$(cat "$tmp/build.err")"
    fail "pgc build failed: $(cat "$tmp/build.err")"
fi
[ "$status" = 0 ] && echo ok
exit $status
