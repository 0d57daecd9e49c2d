#!/bin/sh
# bootstrap.sh — the README's two commands, in order, on a scratch copy of
# the tree, as a new user runs them:
#
#     ./bootstrap && build/pgc check examples/
#     ./bootstrap --check
#
# with the package check stubbed: dpkg-query and apt-get are fakes that
# keep a list of "installed" packages, and clang is hidden from PATH until
# the fake apt-get "installs" clang-14.  That is the machine of the report
# this test was written for: the first command configures a tree before
# the test packages exist, and the second must still find clang (it has its
# own tree, and a tree is configured again when the packages change).
# Then ./bootstrap once more reconfigures build/ (the packages changed) and
# a last run configures nothing: the first command stays fast.
#
# The second command runs with PGC_CHECK_QUICK (bootstrap's header): two
# tests in build-check/, the fuzzers 1 s each, no ASan tree, no distcheck —
# the sequence, not the whole suite again.  Not registered in a sanitizer
# build (Makefile.am): it tests bootstrap, not the code.
# not in a sanitizer build
. "$TOP_SRCDIR/tests/lib.sh"
set -u
: "${TOP_SRCDIR:?}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-bootstrap.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
# the outer make's jobserver and flags are not the inner runs' business
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GNUMAKEFLAGS
status=0
fail() { echo "FAIL: $*"; status=1; }
# the fake apt-get "installs" clang by linking the real one
ls /usr/bin/clang-14 >/dev/null 2>&1 || skip "no /usr/bin/clang-14"

# ---- the scratch copy: what a clean clone of this tree would hold ------------
src=$tmp/src
mkdir -p "$src" || exit 99
if [ -d "$TOP_SRCDIR/.git" ] && command -v git >/dev/null 2>&1; then
    # tracked and new files as they are now (a commit of the work tree)
    (cd "$TOP_SRCDIR" && git ls-files -z -c -o --exclude-standard | xargs -0 tar cf - 2>/dev/null) |
        (cd "$src" && tar xf -) || exit 99
else
    # a distribution tarball's tree (make distcheck builds in its _build/,
    # and makes it read-only): it is clean
    (cd "$TOP_SRCDIR" && tar cf - --exclude=./_build .) |
        (cd "$src" && tar xf -) || exit 99
    chmod -R u+w "$src" || exit 99
    [ -d "$src/build-aux" ] || { echo "ERROR: build-aux/ was not copied"; exit 99; }
fi
[ -x "$src/bootstrap" ] || { echo "ERROR: no bootstrap in the copy"; exit 99; }

# ---- the machine: PATH without clang, fake package tools -----------------------
bin=$tmp/bin fake=$tmp/fake state=$tmp/state
mkdir -p "$bin" "$fake" "$state" || exit 99
for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
    [ -d "$d" ] || continue
    for f in "$d"/*; do
        n=${f##*/}
        case $n in clang*) continue ;; esac
        [ -x "$f" ] && [ ! -e "$bin/$n" ] && ln -s "$f" "$bin/$n"
    done
done
printf '%s\n' clang-14 libclang-rt-14-dev >"$state/missing"
: >"$state/apt.log"
cat >"$fake/dpkg-query" <<EOF
#!/bin/sh
# dpkg-query -W -f=FORMAT PKG...: every package is installed but those in
# $state/missing
fmt=
for a; do case \$a in -f=*) fmt=\${a#-f=} ;; esac; done
rc=0
for a; do
    case \$a in -*) continue ;; esac
    if grep -qx "\$a" "$state/missing"; then
        echo "dpkg-query: no packages found matching \$a" >&2; rc=1; continue
    fi
    printf '%s' "\$fmt" | sed -e "s/\\\${Package}/\$a/g" -e 's/\\\${Version}/1.0/g' \\
        -e 's/\\\${Status}/install ok installed/g' -e 's/\\\\n/\\
/g'
done
exit \$rc
EOF
cat >"$fake/apt-get" <<EOF
#!/bin/sh
# apt-get update | install [-y -qq --no-install-recommends] PKG...
echo "apt-get \$*" >>"$state/apt.log"
[ "\$1" = install ] || exit 0
for a; do
    case \$a in -*|install) continue ;; esac
    grep -vx "\$a" "$state/missing" >"$state/missing.new"; mv "$state/missing.new" "$state/missing"
    [ "\$a" = clang-14 ] && for c in /usr/bin/clang*; do ln -sf "\$c" "$bin/\${c##*/}"; done
done
exit 0
EOF
cat >"$fake/id" <<'EOF'
#!/bin/sh
# bootstrap installs only as root: here the fakes stand in for root's tools
[ "$1" = -u ] && { echo 0; exit 0; }
exec /usr/bin/id "$@"
EOF
chmod +x "$fake/dpkg-query" "$fake/apt-get" "$fake/id"

# step NAME CMD... — runs CMD in the copy with the fake machine's PATH;
# its output in $tmp/NAME.log
step() {
    name=$1
    shift
    echo "\$ $*"
    (cd "$src" && PATH="$fake:$bin" "$@") >"$tmp/$name.log" 2>&1
}

# 1. ./bootstrap && build/pgc check examples/
step first ./bootstrap || { fail "./bootstrap failed:"; tail -n 30 "$tmp/first.log"; }
grep -q install "$state/apt.log" && fail "./bootstrap installed test packages: $(cat "$state/apt.log")"
step check-examples build/pgc check examples/ ||
    { fail "build/pgc check examples/ failed:"; tail -n 20 "$tmp/check-examples.log"; }
grep -q 'HAVE_LIBFUZZER = no' "$src/build/Makefile" ||
    fail "build/ found a libFuzzer although clang was hidden (the test does not test)"

# 2. ./bootstrap --check (quick)
step second env PGC_CHECK_QUICK="tests/cli/examples.sh tests/cli/usage.sh" ./bootstrap --check ||
    { fail "./bootstrap --check failed:"; tail -n 40 "$tmp/second.log"; }
grep -q '^apt-get install .*clang-14' "$state/apt.log" ||
    fail "./bootstrap --check did not install clang-14: $(cat "$state/apt.log")"
grep -q 'fuzz-pg: .* executions' "$tmp/second.log" || fail "the fuzzers did not run:"
last=$(tail -n 1 "$tmp/second.log")
case $last in
    *" passed, 0 failed, 0 skipped") ;;
    *) fail "the last line is '$last', not 'N passed, 0 failed, 0 skipped'" ;;
esac
[ -s "$tmp/second.log" ] && sed -n '$p' "$tmp/second.log"

# 3. ./bootstrap again: build/ configured again (the packages changed), then
#    not any more
step third ./bootstrap || { fail "./bootstrap (after --check) failed:"; tail -n 20 "$tmp/third.log"; }
grep -q 'configuring build/ again' "$tmp/third.log" ||
    fail "build/ was not configured again although the packages changed"
step fourth ./bootstrap || { fail "./bootstrap (a fourth time) failed:"; tail -n 20 "$tmp/fourth.log"; }
grep -q 'configuring' "$tmp/fourth.log" && fail "nothing changed, yet ./bootstrap configured again"
[ "$status" = 0 ] && echo ok
exit $status
