#!/bin/sh
# import-usage.sh — pgc import on the command line: usage errors, files
# that cannot be read, existing .pg files never replaced without -f (and
# replaced through a rename with it), -o made when missing or given as -,
# and hostile input — binary, empty, not a form, broken quotes, huge rows —
# that must end in a diagnostic, never in a crash.
set -u
: "${PGC:?}" "${TOP_SRCDIR:?}"
tmp=${TMPDIR:-/tmp}/pgc-import-usage.$$
rm -rf "$tmp"
mkdir -p "$tmp" || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$TOP_SRCDIR" || exit 99
LC_ALL=C
export LC_ALL

failed=0
fail() {
    echo "FAIL: $*"
    failed=1
}
# run WANT ARGS... — runs pgc with stdout and stderr in $tmp/out, $tmp/err
run() {
    want=$1
    shift
    "$PGC" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" = "$want" ] || { fail "pgc $*: exit $got, expected $want"; sed 's/^/    /' "$tmp/err" | head -n 10; }
}
has() { grep -q -e "$2" "$tmp/$1" || fail "$last: std$1 lacks '$2'"; }

seed=$(ls tests/data/seeds/*.txt | head -n 1)
one=交换平台运行费.pg

# ---- usage ------------------------------------------------------------------
last='pgc import'; run 2 import
has err 'no files given'
last='pgc import --bogus'; run 2 import --bogus "$seed"
has err 'pgc help import'
last='pgc help import'; run 0 help import
has out 'Usage: pgc import'
has out '\-\-force'
last='pgc import --help'; run 0 import --help
has out 'Exit status'
last='pgc --help'; run 0 --help
has out 'import'

# ---- files that cannot be read: exit 2, named ------------------------------------
last='pgc import missing'; run 2 import "$tmp/no-such-file.txt" -o "$tmp/o1"
has err 'no-such-file.txt: cannot read'
last='pgc import DIR'; run 2 import tests -o "$tmp/o1"
has err 'cannot read'
# exit 2 wins over the forms that were imported
last='pgc import missing seed'; run 2 import "$tmp/no-such-file.txt" "$seed" -o "$tmp/o2"
[ -f "$tmp/o2/$one" ] || fail "$last: the readable file was not imported"
if [ "$(id -u)" -ne 0 ]; then
    cp "$seed" "$tmp/secret.txt" && chmod 000 "$tmp/secret.txt"
    last='pgc import unreadable'; run 2 import "$tmp/secret.txt" -o "$tmp/o3"
    has err 'Permission denied'
fi

# ---- never replace without -f ---------------------------------------------------
d=$tmp/proj
last='pgc import seed'; run 0 import "$seed" -o "$d"
[ "$(ls "$d" | wc -l)" -eq 7 ] || fail "$last: $(ls "$d" | wc -l) files, expected 7"
[ -s "$tmp/out" ] && fail "$last: wrote to stdout"
cp "$d/$one" "$tmp/orig.pg"
echo '# edited by hand' >>"$d/$one"
cp "$d/$one" "$tmp/edited.pg"
ino=$(ls -i "$d/$one" | cut -d' ' -f1)
last='pgc import seed again'; run 2 import "$seed" -o "$d"
has err "$one: exists; not replaced (use -f to replace it)"
cmp -s "$d/$one" "$tmp/edited.pg" || fail "$last: replaced an existing file without -f"
[ "$(ls -i "$d/$one" | cut -d' ' -f1)" = "$ino" ] || fail "$last: touched an existing file without -f"
ls -a "$d" | grep -q pgimp && fail "$last: left a temporary file"
# a project that is new is still written
rm "$d/敬老卡制作费.pg"
last='pgc import seed, one missing'; run 2 import "$seed" -o "$d"
[ -f "$d/敬老卡制作费.pg" ] || fail "$last: the missing project was not written"
chmod 640 "$d/$one"
last='pgc import -f seed'; run 0 import -f "$seed" -o "$d"
cmp -s "$d/$one" "$tmp/orig.pg" || fail "$last: did not replace the edited file"
[ "$(ls -i "$d/$one" | cut -d' ' -f1)" != "$ino" ] || fail "$last: did not write through a rename"
[ "$(stat -c %a "$d/$one")" = 640 ] || fail "$last: lost the file's mode"
ls -a "$d" | grep -q pgimp && fail "$last: left a temporary file"
# options after the files, long forms
last='pgc import --force --output'; run 0 import "$seed" --force --output="$d"

# ---- -o: made when missing, - for standard output, not a directory ---------------------
last='pgc import -o a/b/c'; run 0 import "$seed" -o "$tmp/a/b/c"
[ -f "$tmp/a/b/c/$one" ] || fail "$last: did not make the directory"
last='pgc import -o -'; run 0 import "$seed" -o -
[ "$(grep -c '^项目 ' "$tmp/out")" -eq 7 ] || fail "$last: not seven projects on stdout"
: >"$tmp/plain"
last='pgc import -o FILE'; run 2 import "$seed" -o "$tmp/plain"
has err 'not a directory'
if [ "$(id -u)" -ne 0 ]; then
    mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
    last='pgc import -o RO'; run 2 import "$seed" -o "$tmp/ro"
    has err 'cannot'
fi
# the default directory is the current one
mkdir "$tmp/cwd"
(cd "$tmp/cwd" && "$PGC" import "$TOP_SRCDIR/$seed" 2>/dev/null) || fail "pgc import in the current directory: exit $?"
[ -f "$tmp/cwd/$one" ] || fail "pgc import without -o: nothing in the current directory"

# ---- hostile input: a diagnostic, never a crash -----------------------------------
g=$tmp/garbage
mkdir "$g" || exit 99
: >"$g/empty.txt"
printf '\n\n  \t\t\r\n,,,\n' >"$g/blank.txt"
awk 'BEGIN { s = 7; for (i = 0; i < 100000; i++) { s = (s * 16807) % 2147483647; printf "%c", s % 256 } }' >"$g/random.bin"
printf '\377\376\000\330a\000' >"$g/bad-utf16.txt"
printf 'caf\351 \200\201\377\n' >"$g/latin1.txt"
head -c 3000 /dev/zero >"$g/zeros.bin"
cat examples/交换平台运行费.pg >"$g/a-pg-file.txt"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "\"项目名称\t\"x\n" }' >"$g/quotes.txt"
awk 'BEGIN { printf "项目名称\t甲\n"; for (i = 0; i < 200000; i++) printf "\t"; printf "\n" }' >"$g/tabs.txt"
awk 'BEGIN { printf "项目名称\t"; for (i = 0; i < 300; i++) printf "很长的名字"; printf "\n" }' >"$g/long-name.txt"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "项目名称\t项目%d\n\t产出指标\t数量指标\t完成数\t≥%d(个)\n", i % 7, i }' >"$g/many-forms.txt"
awk 'BEGIN { printf "项目名称\t甲\n绩效指标\t一级指标\t二级指标\t三级指标\t指标值\n";
             split("产出指标 数量指标 ≥ = 90 (%) 万张 稳定 三级 2023年12月 个工作日内 以上 \" “ ” 无 /", t, " ");
             s = 1; for (i = 0; i < 20000; i++) { s = (s * 16807) % 2147483647; printf "%s%s", t[s % 18 + 1], (s % 5 ? "\t" : "\n") } }' >"$g/random-cells.txt"
printf '项目名称\t甲\n\t产出指标\t数量指标\t完成数\t≥99999999999999999999999999999999(个)\n' >"$g/huge-number.txt"
printf '项目名称\t乙\n计划开始日期\t9999-99-99\t计划完成日期\t0000/0/0\n项目资金 (元)\t\t\t年度资金申请总额\t99999999999999999999999999999999.999\n' >"$g/bad-values.txt"
n=0
for f in "$g"/*; do
    n=$((n + 1))
    out=$tmp/g$n
    if command -v timeout >/dev/null 2>&1; then
        timeout 20 "$PGC" import "$f" -o "$out" >"$tmp/out" 2>"$tmp/err"
    else
        "$PGC" import "$f" -o "$out" >"$tmp/out" 2>"$tmp/err"
    fi
    rc=$?
    case $rc in
        0 | 1) ;;
        *) fail "$f: exit $rc"; head -c 600 "$tmp/err" ;;
    esac
    case $(basename "$f") in
        many-forms.txt | random-cells.txt | tabs.txt | huge-number.txt | bad-values.txt) ;;
        *) [ "$rc" = 1 ] || fail "$f: exit $rc, expected 1 (not a form)" ;;
    esac
    if [ "$rc" = 1 ] && ! grep -a -q -E ':[0-9]+:[0-9]+: error: ' "$tmp/err"; then
        fail "$f: exit 1 without a file:line:col: error"
        head -c 600 "$tmp/err"
    fi
    for p in "$out"/*.pg; do
        [ -f "$p" ] || continue
        "$PGC" check "$p" >/dev/null 2>&1
        c=$?
        [ "$c" -le 1 ] || fail "$f: pgc check on $(basename "$p"): exit $c"
    done
done
grep -q 'E0702' /dev/null
"$PGC" import "$g/random.bin" -o "$tmp/x" 2>&1 | grep -q 'E0702' || fail "random.bin: no E0702"
"$PGC" import "$g/empty.txt" -o "$tmp/x" 2>&1 | grep -q 'E0701' || fail "empty.txt: no E0701"
"$PGC" import "$g/long-name.txt" -o "$tmp/x" 2>&1 | grep -q 'E0712' || fail "long-name.txt: no E0712"
echo "$n hostile inputs"
exit $failed
