#!/bin/sh
# Every diagnostic code in src/diagcodes.def is documented in
# doc/language.md (§8) and the man page, and nothing documented is gone.
cd "$TOP_SRCDIR" || exit 99
status=0
codes=$(sed -n 's/^DIAG(\([EW][0-9]*\),.*/\1/p' src/diagcodes.def)
[ -n "$codes" ] || { echo "no codes found in src/diagcodes.def"; exit 1; }
for c in $codes; do
    grep -q "| \`$c\` |" doc/language.md || { echo "$c is not in doc/language.md"; status=1; }
done
for c in $(grep -o '| `[EW][0-9]\{4\}` |' doc/language.md | tr -d '|` '); do
    echo "$codes" | grep -qx "$c" || { echo "doc/language.md documents $c, which pgc does not have"; status=1; }
done
exit $status
