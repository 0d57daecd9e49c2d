# lib.sh — helpers for the cases of tests/bad/ (sourced by run.sh).
#
# The committed inputs are small; anything big or binary is made here, at
# test time.  $BAD is tests/bad in the source tree.
#
#   input NAME [AS]        copy tests/bad/inputs/NAME into the work
#                          directory (as AS)
#   rep N TEXT             TEXT repeated N times, no newline
#   upto FILE TEXT [N]     FILE up to and including the Nth (default first)
#                          occurrence of TEXT — a file cut right after it
#   before FILE TEXT [N]   FILE up to, not including, the Nth occurrence
#   after FILE TEXT [N]    FILE after the Nth occurrence (before, TEXT and
#                          after make the whole file)
#   replace FILE OLD NEW   FILE with the first OLD replaced by NEW
#                          (byte strings; printf's octal escapes such as
#                          \300 work in NEW)
#   crlf FILE              FILE with every LF turned into CR LF
#   is_root                true when running as root (permissions do not
#                          stop root)

input() {
    cp "$BAD/inputs/$1" "./${2:-$1}"
}

rep() {
    awk -v n="$1" -v s="$2" 'BEGIN {
        out = ""; piece = s
        while (n > 0) {                 # doubling: fast for millions
            if (n % 2 == 1) out = out piece
            piece = piece piece
            n = int(n / 2)
        }
        printf "%s", out
    }'
}

# cut_at FILE TEXT N KEEP — the bytes of FILE before (KEEP=0) or through
# (KEEP=1) or after (KEEP=2) the Nth occurrence of TEXT; fails when there
# is none
cut_at() {
    LC_ALL=C awk -v t="$2" -v n="$3" -v keep="$4" '
        BEGIN { RS = "\001\002\003"; ORS = "" }    # the whole file as one record
        {
            s = $0; end = 0
            for (i = 1; i <= n; i++) {
                p = index(substr(s, end + 1), t)
                if (p == 0) exit 1
                start = end + p
                end = start + length(t) - 1
            }
            if (keep == 2) printf "%s", substr(s, end + 1)
            else printf "%s", substr(s, 1, keep ? end : start - 1)
        }' "$1"
}

upto() {
    cut_at "$1" "$2" "${3:-1}" 1
}

before() {
    cut_at "$1" "$2" "${3:-1}" 0
}

after() {
    cut_at "$1" "$2" "${3:-1}" 2
}

replace() {
    new=$(printf "x$(printf '%s' "$3" | sed 's/%/%%/g')"; echo .)
    new=${new#x}
    new=${new%.}
    LC_ALL=C awk -v old="$2" -v new="$new" '
        BEGIN { RS = "\001\002\003"; ORS = "" }
        {
            s = $0; p = index(s, old)
            if (p == 0) exit 1
            printf "%s%s%s", substr(s, 1, p - 1), new, substr(s, p + length(old))
        }' "$1"
}

crlf() {
    sed 's/$/\r/' "$1"
}

is_root() {
    [ "$(id -u)" = 0 ]
}
