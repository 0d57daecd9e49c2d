# lib.sh — sourced by the tests that need a tool of the machine.
#
#   skip WHY   this test cannot run here: exit 77, which Automake counts
#              as SKIP.  Under CI=true it fails instead: there bootstrap
#              has installed every tool the suite needs, so a missing one
#              is a missing install step, not a reason to pass.

skip() {
    if [ "${CI-}" = true ]; then
        echo "FAIL: $* — under CI=true every tool must be there (bootstrap installs it)"
        exit 1
    fi
    echo "SKIP: $*"
    exit 77
}
