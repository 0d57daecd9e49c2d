#!/bin/sh
# check-po.sh SRCDIR LANG OUT.mo — compiles po/LANG.po into OUT.mo, and
# fails when a message of the sources has no translation in it.
#
# The messages are extracted afresh from the files of po/POTFILES.in, with
# the options of po/Makevars (one list of the marking functions), and
# merged with po/LANG.po in a temporary file: the .po file itself is not
# touched (`make -C po update-po` does that).  The build fails on
#   - a message with no translation, or a fuzzy one;
#   - a source file that marks messages but is not in po/POTFILES.in;
#   - a translation whose format directives do not match (msgfmt --check).
# Translations of messages the sources no longer have are only reported.
set -eu
srcdir=$1 lang=$2 out=$3
: "${XGETTEXT:=xgettext}" "${MSGMERGE:=msgmerge}" "${MSGATTRIB:=msgattrib}" "${MSGFMT:=msgfmt}"
po=$srcdir/po/$lang.po
tmp=${TMPDIR:-/tmp}/pgc-check-po.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT

# the options, from po/Makevars (its continuation lines joined)
opts=$(sed -n '/^XGETTEXT_OPTIONS *=/,/[^\\]$/p' "$srcdir/po/Makevars" |
       sed 's/^XGETTEXT_OPTIONS *= *//; s/\\$//' | tr '\n' ' ')

# every source file that marks a message must be listed
sed 's/#.*//; /^[[:space:]]*$/d' "$srcdir/po/POTFILES.in" | sort >"$tmp/listed"
(cd "$srcdir" && grep -l -E '(^|[^A-Za-z0-9_])(N?_|ngettext|diag_(emit|emit_in|hint|note|plain)|cli_(error|cmd_error|usage_error))\(' \
    src/*.c src/*/*.c grammar/pgc.y grammar/pgc.l 2>/dev/null) | sort >"$tmp/marking"
missing=$(comm -13 "$tmp/listed" "$tmp/marking")
if [ -n "$missing" ]; then
    echo "check-po: these files mark messages but are not in po/POTFILES.in:" >&2
    printf '  %s\n' $missing >&2
    exit 1
fi

# xgettext takes the commas of a compound literal for argument separators:
# the message of diag_emit(E0701, (Loc){ 1, 1, 0, 0 }, "…") is never seen
bad_calls=$(cd "$srcdir" && grep -n -E '(diag_[a-z_]+|cli_[a-z_]+)\(.*\(Loc\) *\{' src/*.c src/*/*.c grammar/pgc.y || true)
if [ -n "$bad_calls" ]; then
    echo "check-po: a (Loc){…} argument hides the message from xgettext; put the Loc in a variable:" >&2
    echo "$bad_calls" >&2
    exit 1
fi

# shellcheck disable=SC2086
(cd "$srcdir" && $XGETTEXT $opts --package-name=pgc -o "$tmp/pgc.pot" -f po/POTFILES.in)
$MSGMERGE --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/pgc.pot"
$MSGATTRIB --untranslated --no-obsolete "$tmp/merged.po" >"$tmp/untranslated.po"
$MSGATTRIB --only-fuzzy --no-obsolete "$tmp/merged.po" >"$tmp/fuzzy.po"
bad=0
for kind in untranslated fuzzy; do
    # a non-empty result holds the header entry (msgid "") besides them
    n=$(grep -c '^msgid ' "$tmp/$kind.po" || true)
    [ "$n" -gt 1 ] || continue
    echo "check-po: $po: $((n - 1)) $kind message(s); write them (make -C po update-po adds them to the file):" >&2
    awk '/^msgid ""$/ && !seen { seen = 1; skip = 1 } skip && /^$/ { skip = 0; next } !skip' \
        "$tmp/$kind.po" | head -n 60 >&2
    bad=1
done
obsolete=$($MSGATTRIB --only-obsolete "$tmp/merged.po" | grep -c '^#~ msgid' || true)
[ "$obsolete" -eq 0 ] ||
    echo "check-po: note: $po has $obsolete translation(s) of messages the sources no longer have" >&2
[ "$bad" -eq 0 ] || exit 1
$MSGFMT --check -o "$out.tmp" "$tmp/merged.po"
mv "$out.tmp" "$out"
