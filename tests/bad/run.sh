#!/bin/sh
# run.sh CASE — one case of the bad-input catalogue (Automake's harness runs
# every tests/bad/*.case through it; each is a test of its own).
#
# A case is a small shell fragment, sourced here, that sets
#   cmd='check in.pg'    the arguments given to pgc (eval'd: quote as in sh)
#   exit=1               the exit status pgc must end with
# and may set or define
#   setup() { … }        make the inputs, in the current (empty, temporary)
#                        directory; the helpers of lib.sh are at hand
#   verify() { … }       further checks after the run; print why and return
#                        non-zero to fail
#   stdin=FILE           standard input (default: /dev/null)
#   stdout=FILE          send standard output there (e.g. /dev/full)
#                        instead of comparing it with CASE.out
#   changes='a b'        the files pgc may create or change (default: none)
#   timeout=SECONDS      (default 60)
#   unprivileged=yes     run pgc as the user nobody when the suite runs as
#                        root (file permissions do not stop root: a case
#                        about an unreadable file or a read-only directory
#                        needs a user they stop)
#   skip_if() { … }      return 0 (with a reason on stdout) to skip the case
#                        (under CI=true that is a failure: tests/lib.sh)
#
# pgc runs in the temporary directory, so its messages name the inputs as
# setup wrote them.  The case fails unless
#   - pgc ends within the time, with no signal and the expected status;
#   - stderr is CASE.err byte for byte (nothing when there is none), and
#     stdout is CASE.out (nothing when there is none), and neither holds a
#     sanitizer's report;
#   - every file in the directory but those named in `changes` is as it
#     was, and no file is left there that was not (no temporary file);
#   - verify, if defined, succeeds.
#
# To write (or rewrite) the goldens of a case — then read them:
#   PGC=build/pgc TOP_SRCDIR=. sh tests/bad/run.sh --update tests/bad/NAME.case
set -u
update=no
if [ "${1-}" = --update ]; then
    update=yes
    shift
fi
case=$1
: "${PGC:?}" "${TOP_SRCDIR:?}"
case $PGC in /*) ;; *) PGC=$(pwd)/$PGC ;; esac
case $case in /*) ;; *) case=$(pwd)/$case ;; esac
TOP_SRCDIR=$(cd "$TOP_SRCDIR" && pwd) || exit 99
BAD=$TOP_SRCDIR/tests/bad
name=${case%.case}
# the cases' own tools (sed, awk on binary inputs) work on bytes; pgc runs
# under the locale of each attempt
LC_ALL=C
export LC_ALL PGC TOP_SRCDIR BAD

tmp=${TMPDIR:-/tmp}/pgc-bad.$$
cleanup() {
    chmod -R u+rwx "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
cleanup
mkdir -p "$tmp/w" || exit 99
trap cleanup EXIT
trap 'exit 99' HUP INT TERM

# shellcheck source=lib.sh
. "$BAD/lib.sh"

cmd= exit= stdin=/dev/null stdout= changes= timeout=60 unprivileged=
# shellcheck disable=SC1090
. "$case"
[ -n "$cmd" ] && [ -n "$exit" ] || { echo "ERROR: $case sets no cmd or no exit"; exit 99; }

# shellcheck source=../lib.sh
. "$TOP_SRCDIR/tests/lib.sh"
if command -v skip_if >/dev/null 2>&1 && why=$(skip_if); then
    skip "$why"
fi

status=0
fail() {
    echo "FAIL: $*"
    status=1
}

# snapshot: every entry's type, mode and size, and the checksum of every
# regular file that can be read
snapshot() {
    find . -mindepth 1 -printf '%y %m %s %p\n' 2>/dev/null | sort
    find . -type f -readable -exec cksum {} + 2>/dev/null | sort -k3
}
filter() {
    if [ -n "$changes" ]; then
        for f in $changes; do printf '%s\n' "./$f"; done >"$tmp/changes"
        awk 'NR == FNR { skip[$0] = 1; next }
             { p = ($1 ~ /^[0-9]+$/) ? $3 : $4 }   # cksum lines: sum size path
             !(p in skip)' "$tmp/changes" "$1"
    else
        cat "$1"
    fi
}

# attempt LOCALE SUFFIX — the case in a fresh work directory under
# LC_ALL=LOCALE, its stderr compared with CASE.SUFFIXerr (and its stdout
# with CASE.SUFFIXout, else CASE.out: the output is not the messages')
attempt() {
    loc=$1 sfx=$2
    cd "$tmp" && chmod -R u+rwx w 2>/dev/null; rm -rf "$tmp/w"
    mkdir -p "$tmp/w" && cd "$tmp/w" || exit 99
    if command -v setup >/dev/null 2>&1; then
        setup || { echo "ERROR: setup failed"; exit 99; }
    fi
    snapshot >"$tmp/before"
    eval "set -- $cmd"
    echo "\$ LC_ALL=$loc pgc $cmd  (exit $exit expected)"
    if [ "$unprivileged" = yes ] && is_root; then
        # nobody must reach the work directory and pgc, whose build tree
        # may be where nobody cannot go (/root): pgc and its catalogs are
        # copied beside the work directory (pgc finds locale/ beside itself)
        chmod a+rx "$tmp" "$tmp/w" || exit 99
        if [ ! -x "$tmp/bin/pgc" ]; then
            mkdir -p "$tmp/bin" && cp "$PGC" "$tmp/bin/pgc" || exit 99
            if [ -d "$(dirname "$PGC")/locale" ]; then cp -r "$(dirname "$PGC")/locale" "$tmp/bin/" || exit 99; fi
            chmod -R a+rX "$tmp/bin" || exit 99
        fi
        echo "(as the user nobody: root is not stopped by permissions)"
        set -- setpriv --reuid=65534 --regid=65534 --clear-groups -- "$tmp/bin/pgc" "$@"
    else
        set -- "$PGC" "$@"
    fi
    if command -v timeout >/dev/null 2>&1; then
        set -- timeout -k 5 "$timeout" "$@"
    fi
    if [ -n "$stdout" ]; then
        LC_ALL=$loc "$@" <"$stdin" >"$stdout" 2>"$tmp/err"
    else
        LC_ALL=$loc "$@" <"$stdin" >"$tmp/out" 2>"$tmp/err"
    fi
    got=$?

    case $got in
        124 | 137) fail "timed out after ${timeout}s" ;;
        70) fail "exit status 70: an internal error" ;;
        *) [ "$got" -gt 128 ] && fail "killed by signal $((got - 128))" ;;
    esac
    [ "$got" = "$exit" ] || fail "exit status $got, expected $exit"
    if grep -a -q -E 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$tmp/err"; then
        fail "a sanitizer reported:"
        grep -a -A 12 -E 'Sanitizer|runtime error:' "$tmp/err" | head -n 40
    fi

    streams=err
    [ -n "$stdout" ] || streams="out err"
    for s in $streams; do
        golden=$name.$sfx$s
        [ "$s" = out ] && [ ! -f "$golden" ] && [ -n "$sfx" ] && golden=$name.out
        if [ "$update" = yes ]; then
            if [ "$s" = out ] && [ -n "$sfx" ]; then
                continue        # the English run wrote it
            elif [ -s "$tmp/$s" ]; then
                cp "$tmp/$s" "$golden"
            else
                rm -f "$golden"
            fi
            continue
        fi
        expected=/dev/null
        [ -f "$golden" ] && expected=$golden
        if ! cmp -s "$expected" "$tmp/$s"; then
            fail "LC_ALL=$loc: std$s differs from $expected:"
            diff -a -u "$expected" "$tmp/$s" | head -n 60
        fi
    done

    # every file as it was, but those the case lets change
    snapshot >"$tmp/after"
    if ! filter "$tmp/before" >"$tmp/b" || ! filter "$tmp/after" >"$tmp/a" || ! cmp -s "$tmp/b" "$tmp/a"; then
        fail "the directory changed (a file modified, made or left behind):"
        diff -u "$tmp/b" "$tmp/a" | sed -n '3,40p'
    fi

    if command -v verify >/dev/null 2>&1; then
        verify || fail "verify failed"
    fi
}

attempt C ""
# the messages in Chinese, where the case has a CASE.zh.err (and pgc has
# catalogs); --update writes it when the case has an English .err
if [ "${PGC_NLS-}" = yes ] && { [ -f "$name.zh.err" ] || { [ "$update" = yes ] && [ -f "$name.err" ]; }; }; then
    attempt zh_CN.UTF-8 zh.
fi
[ "$status" = 0 ] && echo "ok"
exit $status
