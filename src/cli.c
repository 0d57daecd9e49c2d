/*
 * cli.c — what every command line of pgc shares: the locale and the
 * message catalogs, the program's name, usage errors.
 *
 * pgc speaks its user's language through GNU gettext (po/).  The locale
 * comes from the environment as usual (LC_ALL, LC_MESSAGES, LANG, and
 * LANGUAGE for a list of languages); under C or POSIX the messages are
 * the English of the source.  Three things are pinned whatever the
 * locale says:
 *
 *   - numbers are formatted the C way (LC_NUMERIC): pgc writes its own
 *     decimals, but a library's %f must never print a decimal comma;
 *   - the catalogs are read out in UTF-8 (bind_textdomain_codeset): the
 *     rest of every message — names, units, source lines — is UTF-8;
 *   - the character type is UTF-8 (C.UTF-8 when the locale's is not), so
 *     that libc's own messages (strerror) come out in Chinese, not "?".
 *
 * The catalogs are looked for in $PGC_LOCALEDIR, then in locale/ beside
 * the running executable (an uninstalled build/pgc finds the build
 * tree's), then in the installed localedir.
 */
#include "pgc.h"

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *prog_name = "pgc";

const char *cli_prog(void)
{
    return prog_name;
}

const char *cli_exe_dir(void)
{
    static char dir[PATH_MAX];
    static bool done;
    if (!done) {
        done = true;
        ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
        if (n <= 0) {
            dir[0] = 0;
        } else {
            dir[n] = 0;
            char *slash = strrchr(dir, '/');
            if (slash)
                slash[1] = 0;
            else
                dir[0] = 0;
        }
    }
    return dir[0] ? dir : NULL;
}

#if ENABLE_NLS
static const char *locale_dir(void)
{
    const char *env = getenv("PGC_LOCALEDIR");
    if (env && *env)
        return env;
    static char beside[PATH_MAX + 16];
    const char *exe = cli_exe_dir();
    struct stat st;
    if (exe && strlen(exe) + sizeof "locale" < sizeof beside) {
        snprintf(beside, sizeof beside, "%slocale", exe);
        if (stat(beside, &st) == 0 && S_ISDIR(st.st_mode))
            return beside;
    }
    return LOCALEDIR;
}
#endif

void cli_init(const char *prog)
{
    if (prog && *prog) {
        const char *slash = strrchr(prog, '/');
        prog_name = slash ? slash + 1 : prog;
    }
#if ENABLE_NLS
    if (setlocale(LC_ALL, "")) {
        setlocale(LC_NUMERIC, "C");
        const char *cs = nl_langinfo(CODESET);
        if (strcmp(cs, "UTF-8") != 0 && strcmp(cs, "ANSI_X3.4-1968") != 0)
            setlocale(LC_CTYPE, "C.UTF-8");
    }
    bindtextdomain(PACKAGE, locale_dir());
    bind_textdomain_codeset(PACKAGE, "UTF-8");
    textdomain(PACKAGE);
#endif
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    fprintf(stderr, "%s: ", prog_name);
    vfprintf(stderr, _(fmt), ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_cmd_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    fprintf(stderr, "%s: %s: ", prog_name, cmd);
    vfprintf(stderr, _(fmt), ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    if (cmd)
        fprintf(stderr, "%s: %s: ", prog_name, cmd);
    else
        fprintf(stderr, "%s: ", prog_name);
    vfprintf(stderr, _(fmt), ap);
    fputc('\n', stderr);
    va_end(ap);
    if (cmd)
        fprintf(stderr, _("Try '%s help %s'.\n"), prog_name, cmd);
    else
        fprintf(stderr, _("Try '%s --help'.\n"), prog_name);
    return EXIT_USAGE;
}

bool cli_count(const char *cmd, const char *option, const char *arg, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || errno || v < 0 || v > max) {
        cli_usage_error(cmd, "%s takes a number from 0 to %ld, not '%s'", option, max, arg);
        return false;
    }
    *out = v;
    return true;
}

int cli_help(const char *text)
{
    fputs(_(text), stdout);
    return EXIT_OK;
}
