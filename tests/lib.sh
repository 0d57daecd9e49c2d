# lib.sh — sourced by the tests that need a tool of the machine.
#
#   skip WHY   this test cannot run here: exit 77, which Automake counts
#              as SKIP.  Under CI=true it fails instead: there bootstrap
#              has installed every tool the suite needs, so a missing one
#              is a missing install step, not a reason to pass.
#   chromium_ready [TOOL...]
#              skips unless headless Chromium, pdftotext, pdfinfo, the
#              TOOLs and a CJK font (fonts-noto-cjk) are there.
#   chrome ARGS...
#              runs headless Chromium with a profile of its own under
#              $tmp (the test's directory, with $tmp/home made), nothing
#              from the network, its output in $tmp/chromium.log.

skip() {
    if [ "${CI-}" = true ]; then
        echo "FAIL: $* — under CI=true every tool must be there (bootstrap installs it)"
        exit 1
    fi
    echo "SKIP: $*"
    exit 77
}

chromium_ready() {
    for tool in chromium pdftotext pdfinfo "$@"; do
        command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
    done
    if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
        skip "no CJK font (install fonts-noto-cjk)"
    fi
}

chrome() {
    profile=$(mktemp -d "$tmp/profile.XXXXXX")
    HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home XDG_CACHE_HOME=$tmp/home \
        timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" >"$tmp/chromium.log" 2>&1
    rm -rf "$profile"
}
