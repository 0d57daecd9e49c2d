#!/bin/sh
# The scanner and grammar/keywords.def agree: every keyword and operator
# of the table scans as its token, and the scanner has no keyword the table
# lacks.
cd "$TOP_SRCDIR" || exit 99
tmp=${TMPDIR:-/tmp}/pgc-kw.$$
mkdir -p "$tmp" || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0
sed -n 's/^KEYWORD("\([^"]*\)", *\([A-Z_]*\),.*/\1 \2/p' grammar/keywords.def > "$tmp/kw"
grep -o 'OPERATOR("[^"]*", *[A-Z]*)' grammar/keywords.def |
    sed 's/OPERATOR("\(.*\)", *\([A-Z]*\))/\1 \2/' > "$tmp/op"
[ -s "$tmp/kw" ] && [ -s "$tmp/op" ] || { echo "cannot read grammar/keywords.def"; exit 1; }
# Each spelling on its own line scans as one token whose name is the
# keyword itself (keywords) or the canonical spelling (operators).
while read -r word tok; do
    printf '%s\n' "$word" > "$tmp/in.pg"
    got=$("$PGC" check --dump=tokens "$tmp/in.pg" | head -n 1 | sed 's/^[0-9]*:[0-9]* //')
    [ "$got" = "“$word”" ] || { echo "keyword $word ($tok) scans as $got"; status=1; }
done < "$tmp/kw"
while read -r sym tok; do
    canon=$(grep " $tok\$" "$tmp/op" | head -n 1 | cut -d' ' -f1)
    printf '%s\n' "$sym" > "$tmp/in.pg"
    got=$("$PGC" check --dump=tokens "$tmp/in.pg" | head -n 1 | sed 's/^[0-9]*:[0-9]* //')
    first=$("$PGC" check --dump=tokens "$tmp/in.pg" | sed -n '2p' | sed 's/^[0-9]*:[0-9]* //')
    case $tok in
        EQ) want="“=”" ;; GE) want="“≥”" ;; LE) want="“≤”" ;; GT) want="“>”" ;; LT) want="“<”" ;;
        STAR) want="“×”" ;; SLASH) want="“÷”" ;; *) want="“$canon”" ;;
    esac
    [ "$got" = "$want" ] || { echo "operator $sym ($tok) scans as $got, want $want"; status=1; }
    [ "$first" = "end of file" ] || [ "$first" = "end of line" ] ||
        { echo "operator $sym scans as more than one token"; status=1; }
done < "$tmp/op"
# Every quoted keyword rule in the scanner is in the table.
for w in $(sed -n 's/^"\([^"]*\)" *{ return KW_.*/\1/p' grammar/pgc.l); do
    grep -q "^$w " "$tmp/kw" || { echo "scanner keyword $w is missing from keywords.def"; status=1; }
done
exit $status
