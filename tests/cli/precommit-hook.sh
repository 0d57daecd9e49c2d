#!/bin/sh
# tools/pre-commit, installed as a scratch repository's .git/hooks/pre-commit,
# in real git commits: a clean .pg commits; one with errors, or one that is
# not formatted, is blocked; what is judged is the staged content, not the
# working file; names with spaces and CJK in subdirectories work; PGC
# names the binary.  Skipped (77) without git.
. "$TOP_SRCDIR/tests/lib.sh"
command -v git > /dev/null 2>&1 || skip "no git"
cd "$TOP_SRCDIR" || exit 99
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-hook.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
mkdir -p "$HOME" "$tmp/bin"
ln -s "$PGC" "$tmp/bin/pgc"
PATH=$tmp/bin:$PATH
status=0
fail() { echo "FAIL: $*"; status=1; }

good=examples/交换平台运行费.pg
repo=$tmp/repo
git init -q "$repo" || exit 99
cp tools/pre-commit "$repo/.git/hooks/pre-commit" && chmod +x "$repo/.git/hooks/pre-commit" || exit 99
cd "$repo" || exit 99

# commits "$1" (a message); then exit status and output in $rc, $tmp/out
commit() { git commit -q -m "$1" > "$tmp/out" 2>&1; rc=$?; }
head_is() { [ "$(git log -1 --format=%s 2>/dev/null)" = "$1" ]; }

cp "$TOP_SRCDIR/$good" good.pg
echo 'notes' > README
git add good.pg README
commit good
[ $rc -eq 0 ] && head_is good || { fail "a clean .pg did not commit (exit $rc)"; cat "$tmp/out"; }

# errors block the commit, with pgc's message naming the file
mkdir -p "子 目录"
sed 's/^\(        当年财政拨款 *\)446,048.00/\1440,048.00/' "$TOP_SRCDIR/$good" > "子 目录/坏 表.pg"
git add "子 目录/坏 表.pg"
commit bad
[ $rc -ne 0 ] && ! head_is bad || fail "a .pg with errors was committed"
grep -q '子 目录/坏 表.pg:11:' "$tmp/out" || { fail "no pgc check message for the bad file"; cat "$tmp/out"; }
grep -q 'E0305' "$tmp/out" || fail "the E0305 error is not shown"
git rm -q --cached "子 目录/坏 表.pg"

# an unformatted file blocks it too, and is named
sed 's/^    //' "$TOP_SRCDIR/$good" > flat.pg
"$PGC" check flat.pg > /dev/null 2>&1 || { echo "flat.pg should check clean"; exit 99; }
git add flat.pg
commit flat
[ $rc -ne 0 ] && ! head_is flat || fail "an unformatted .pg was committed"
grep -q 'flat.pg' "$tmp/out" && grep -q 'pgc fmt -w' "$tmp/out" || { fail "the unformatted file is not named"; cat "$tmp/out"; }

# the staged content is what counts: formatted staged, unformatted working file
cp "$TOP_SRCDIR/$good" flat.pg
git add flat.pg
sed 's/^    //' "$TOP_SRCDIR/$good" > flat.pg
commit staged-good
[ $rc -eq 0 ] && head_is staged-good || { fail "a clean staged file was blocked by its working copy"; cat "$tmp/out"; }
# and the other way round
git add flat.pg
cp "$TOP_SRCDIR/$good" flat.pg
commit staged-bad
[ $rc -ne 0 ] && ! head_is staged-bad || fail "an unformatted staged file was committed"
git checkout -q -- flat.pg 2>/dev/null; git reset -q

# deleting a .pg is not checked; a commit without .pg files runs no pgc
git rm -q good.pg
echo more >> README && git add README
PGC=/nonexistent/pgc commit no-pg
[ $rc -eq 0 ] && head_is no-pg || { fail "a commit without .pg files was blocked"; cat "$tmp/out"; }

# PGC names the binary; without one the commit is blocked with a message
cp "$TOP_SRCDIR/$good" again.pg && git add again.pg
PATH=/usr/bin:/bin PGC=/nonexistent/pgc commit no-pgc
[ $rc -ne 0 ] && grep -q 'not found' "$tmp/out" || fail "a missing pgc did not block the commit with a message"
PATH=/usr/bin:/bin PGC=$PGC commit with-PGC
[ $rc -eq 0 ] && head_is with-PGC || { fail "PGC=$PGC did not work"; cat "$tmp/out"; }
exit $status
