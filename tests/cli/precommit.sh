#!/bin/sh
# .pre-commit-hooks.yaml with the real pre-commit framework: a scratch
# hooks repository holds a copy of the file (committed, so that it has a
# rev), a scratch project uses its pgc-check and pgc-fmt hooks with pgc on
# PATH; a clean .pg commits, one with errors or one that is not formatted
# is blocked, and what is judged is the staged content (pre-commit stashes
# the rest).  No network: language: system.  Skipped (77) without git or
# pre-commit.
. "$TOP_SRCDIR/tests/lib.sh"
command -v git > /dev/null 2>&1 || skip "no git"
command -v pre-commit > /dev/null 2>&1 || skip "no pre-commit"
cd "$TOP_SRCDIR" || exit 99
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgc-precommit.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
export HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/cache" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
mkdir -p "$HOME"
PATH=$(cd "$(dirname "$PGC")" && pwd):$PATH
status=0
fail() { echo "FAIL: $*"; status=1; }
good=examples/交换平台运行费.pg

# the hooks repository
hooks=$tmp/hooks
git init -q "$hooks" && cp .pre-commit-hooks.yaml "$hooks/" &&
    git -C "$hooks" add .pre-commit-hooks.yaml && git -C "$hooks" commit -q -m hooks || exit 99
rev=$(git -C "$hooks" rev-parse HEAD) || exit 99

repo=$tmp/repo
git init -q "$repo" || exit 99
cd "$repo" || exit 99
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: pgc-check
      - id: pgc-fmt
YAML
pre-commit install > "$tmp/out" 2>&1 || { echo "pre-commit install failed:"; cat "$tmp/out"; exit 99; }

commit() { git commit -q -m "$1" > "$tmp/out" 2>&1; rc=$?; }
head_is() { [ "$(git log -1 --format=%s 2>/dev/null)" = "$1" ]; }

cp "$TOP_SRCDIR/$good" good.pg
git add .pre-commit-config.yaml good.pg
commit good
[ $rc -eq 0 ] && head_is good || { fail "a clean .pg did not commit (exit $rc)"; cat "$tmp/out"; }
grep -q 'pgc check.*Passed' "$tmp/out" && grep -q 'pgc fmt --check.*Passed' "$tmp/out" ||
    { fail "the hooks did not run on the clean file"; cat "$tmp/out"; }

# errors: pgc-check fails, the commit is blocked
sed 's/^\(        当年财政拨款 *\)446,048.00/\1440,048.00/' "$TOP_SRCDIR/$good" > "坏 表.pg"
git add "坏 表.pg"
commit bad
[ $rc -ne 0 ] && ! head_is bad || fail "a .pg with errors was committed"
grep -q 'pgc check.*Failed' "$tmp/out" && grep -q 'E0305' "$tmp/out" ||
    { fail "pgc-check did not report the error"; cat "$tmp/out"; }
git rm -q --cached "坏 表.pg"

# unformatted: pgc-fmt fails and names the file
sed 's/^    //' "$TOP_SRCDIR/$good" > flat.pg
git add flat.pg
commit flat
[ $rc -ne 0 ] && ! head_is flat || fail "an unformatted .pg was committed"
grep -q 'pgc fmt --check.*Failed' "$tmp/out" && grep -q 'flat.pg' "$tmp/out" ||
    { fail "pgc-fmt did not report the file"; cat "$tmp/out"; }
grep -q 'pgc check.*Passed' "$tmp/out" || { fail "pgc-check failed on a valid file"; cat "$tmp/out"; }

# the staged content counts: formatted staged, unformatted in the work tree
cp "$TOP_SRCDIR/$good" flat.pg
git add flat.pg
sed 's/^    //' "$TOP_SRCDIR/$good" > flat.pg
commit staged-good
[ $rc -eq 0 ] && head_is staged-good || { fail "a clean staged file was blocked by its working copy"; cat "$tmp/out"; }
cmp -s flat.pg "$TOP_SRCDIR/$good" && fail "pre-commit lost the unstaged change"

# a commit without .pg files skips both hooks
echo notes > README && git add README
commit no-pg
[ $rc -eq 0 ] && head_is no-pg || { fail "a commit without .pg files was blocked"; cat "$tmp/out"; }
grep -q 'pgc check.*Skipped' "$tmp/out" || { fail "pgc-check was not skipped"; cat "$tmp/out"; }
exit $status
