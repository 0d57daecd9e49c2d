#!/bin/sh
# pgc fmt: idempotent and meaning-preserving on every .pg in the
# repository; examples/ and stdlib/ are kept formatted; -w writes through a
# temporary file; --check and --diff report; syntax errors leave a file alone.
cd "$TOP_SRCDIR" || exit 99
tmp=${TMPDIR:-/tmp}/pgc-fmt.$$
mkdir -p "$tmp" || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
tree() { "$PGC" check --dump=ast "$1" 2>/dev/null | sed 's/^\( *\)[0-9]*:[0-9]* /\1/'; }

n=0
for f in $(find examples stdlib tests -name '*.pg' | LC_ALL=C sort); do
    # only files that parse can be formatted
    "$PGC" fmt "$f" > "$tmp/once.pg" 2>/dev/null || continue
    n=$((n + 1))
    "$PGC" fmt "$tmp/once.pg" > "$tmp/twice.pg" || { fail "fmt of formatted $f failed"; continue; }
    cmp -s "$tmp/once.pg" "$tmp/twice.pg" || { fail "fmt is not idempotent on $f"; diff -u "$tmp/once.pg" "$tmp/twice.pg" | head -n 20; }
    tree "$f" > "$tmp/t1"
    tree "$tmp/once.pg" > "$tmp/t2"
    cmp -s "$tmp/t1" "$tmp/t2" || { fail "fmt changes the tree of $f"; diff -u "$tmp/t1" "$tmp/t2" | head -n 20; }
done
[ "$n" -ge 20 ] || fail "only $n files formatted"

"$PGC" fmt --check examples stdlib > "$tmp/out" || fail "examples/ or stdlib/ not formatted: $(cat "$tmp/out")"

# -w rewrites only what changes, through a rename (the inode changes)
cp examples/交换平台运行费.pg "$tmp/a.pg"
sed 's/^    //' examples/交换平台运行费.pg > "$tmp/b.pg"
chmod 640 "$tmp/b.pg"
"$PGC" fmt --check "$tmp/a.pg" "$tmp/b.pg" > "$tmp/out"; rc=$?
[ $rc -eq 1 ] || fail "--check on an unformatted file: exit $rc, want 1"
[ "$(cat "$tmp/out")" = "$tmp/b.pg" ] || fail "--check lists: $(cat "$tmp/out")"
"$PGC" fmt --diff "$tmp/b.pg" > "$tmp/diff"; rc=$?
[ $rc -eq 1 ] || fail "--diff: exit $rc, want 1"
grep -q '^+    年度' "$tmp/diff" || fail "--diff output lacks the change"
ino_a=$(ls -i "$tmp/a.pg" | cut -d' ' -f1)
"$PGC" fmt -w "$tmp/a.pg" "$tmp/b.pg" || fail "fmt -w failed"
[ "$(ls -i "$tmp/a.pg" | cut -d' ' -f1)" = "$ino_a" ] || fail "fmt -w rewrote a formatted file"
cmp -s "$tmp/b.pg" examples/交换平台运行费.pg || fail "fmt -w did not restore the layout"
[ "$(stat -c %a "$tmp/b.pg")" = 640 ] || fail "fmt -w lost the file mode"
ls "$tmp" | grep -q pgc- && fail "fmt -w left a temporary file"

# standard input to standard output
"$PGC" fmt < "$tmp/b.pg" | cmp -s - "$tmp/b.pg" || fail "fmt - (stdin) differs"

# a syntax error: reported, exit 1, the file untouched
printf '项目 甲 {\n    年度 = = 2023\n' > "$tmp/bad.pg"
cp "$tmp/bad.pg" "$tmp/bad.orig"
"$PGC" fmt -w "$tmp/bad.pg" 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] || fail "fmt -w on a syntax error: exit $rc, want 1"
grep -q 'bad.pg:2:' "$tmp/err" || fail "no diagnostic for the syntax error"
cmp -s "$tmp/bad.pg" "$tmp/bad.orig" || fail "fmt -w changed a file with a syntax error"

# a directory it cannot write into: exit 2, the file untouched
if [ "$(id -u)" -ne 0 ]; then
    mkdir "$tmp/ro" && cp "$tmp/b.pg" "$tmp/ro/c.pg" && sed -i 's/^    //' "$tmp/ro/c.pg" && chmod 555 "$tmp/ro"
    "$PGC" fmt -w "$tmp/ro/c.pg" 2>/dev/null; rc=$?
    [ $rc -eq 2 ] || fail "fmt -w in a read-only directory: exit $rc, want 2"
fi
exit $status
