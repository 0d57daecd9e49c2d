/*
 * cli.c — what every command line of pgc shares: the locale and the
 * message catalogs, the program's name, reading the options, usage errors.
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
 *
 * A command's options are a table (CliOpt), read by cli_parse: each
 * option once, with its long name, its letter, what it sets and how its
 * argument is read; the options every command shares (--help, --quiet,
 * --max-warnings; --stdlib in pgc.h) are entries of their own.  From the
 * table cli_parse makes getopt_long's options, in the table's order (the
 * order in which getopt lists an ambiguous abbreviation's candidates),
 * and says every usage error the same way: "PROG: CMD: what is wrong",
 * then "Try 'PROG help CMD'." — or, for a built evaluator (no CMD),
 * "PROG: what is wrong" and "Try 'PROG --help'.".  getopt's own messages
 * (an unknown option, a missing argument) are glibc's, in its language.
 */
#include "rt.h"

#include <errno.h>
#include <getopt.h>
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
    /* the catalog loaded now, and this message looked up: when memory
     * runs out (pgc_out_of_memory) there may be none left to do it then */
    (void)_("out of memory");
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

/* "Try 'PROG help CMD'." (CMD NULL: "Try 'PROG --help'.") after a usage error. */
static int try_help(const char *cmd)
{
    if (cmd)
        fprintf(stderr, _("Try '%s help %s'.\n"), prog_name, cmd);
    else
        fprintf(stderr, _("Try '%s --help'.\n"), prog_name);
    return EXIT_USAGE;
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
    return try_help(cmd);
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

int cli_status(bool io_error, bool failed)
{
    if (io_error)
        return EXIT_USAGE;
    return failed || diag_total_errors() > 0 ? EXIT_ERRORS : EXIT_OK;
}

/* ---- reading a command's options ------------------------------------------------ */

enum { MAX_OPTS = 32 };

/* getopt_long's view of the table: an option with a letter returns it,
 * one without returns 256 + its index. */
static int make_getopt(const CliOpt *opts, struct option *longs, char *shorts)
{
    int n = 0;
    for (; opts[n].name; n++) {
        if (n == MAX_OPTS)
            pgc_die("more than %d options", MAX_OPTS);
        bool arg = opts[n].kind != CLI_FLAG && opts[n].kind != CLI_SET && opts[n].kind != CLI_HELP &&
                   opts[n].kind != CLI_EXIT;
        longs[n] = (struct option){ opts[n].name, arg ? required_argument : no_argument, NULL,
                                    opts[n].letter ? opts[n].letter : 256 + n };
        if (opts[n].letter) {
            *shorts++ = opts[n].letter;
            if (arg)
                *shorts++ = ':';
        }
    }
    longs[n] = (struct option){ NULL, 0, NULL, 0 };
    *shorts = 0;
    return n;
}

/* The option getopt_long returned c for, or NULL ('?': one it does not know). */
static const CliOpt *option_of(const CliOpt *opts, int n, int c)
{
    if (c >= 256 && c < 256 + n)
        return &opts[c - 256];
    for (int i = 0; i < n; i++)
        if (opts[i].letter && opts[i].letter == c)
            return &opts[i];
    return NULL;
}

/* A CLI_CHOICE's argument that names none of its choices. */
static int bad_choice(const CliCommand *c, const CliOpt *o, const char *arg)
{
    /* o->text is a table's message (N_), a format of one %s: the argument */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    if (!c->plain_errors)
        return cli_usage_error(c->name, o->text, arg);
    cli_error(o->text, arg);
#pragma GCC diagnostic pop
    return EXIT_USAGE;
}

/* Does what option o says with its argument arg; CLI_GO, or the
 * command's exit status. */
static int take(const CliCommand *c, const CliOpt *o, const char *arg)
{
    switch (o->kind) {
    case CLI_FLAG:
        *(bool *)o->to = true;
        break;
    case CLI_SET:
        *(int *)o->to = o->value;
        break;
    case CLI_STRING:
        *(const char **)o->to = arg;
        break;
    case CLI_COUNT: {
        char flag[64];
        long n;
        snprintf(flag, sizeof flag, "--%s", o->name);
        if (!cli_count(c->name, flag, arg, o->max, &n))
            return EXIT_USAGE;
        *(int *)o->to = (int)n;
        break;
    }
    case CLI_CHOICE: {
        const CliChoice *k = o->choices;
        while (k->name && strcmp(k->name, arg) != 0)
            k++;
        if (!k->name)
            return bad_choice(c, o, arg);
        *(int *)o->to = k->value;
        break;
    }
    case CLI_EACH:
        o->each(arg);
        break;
    case CLI_PARSE:
        if (!o->parse(arg, o->to))
            return EXIT_USAGE;
        break;
    case CLI_HELP:
        return cli_help(o->text);
    case CLI_EXIT:
        return o->run(o->to);
    }
    if (o->given)
        ++*o->given;
    return CLI_GO;
}

int cli_parse(const CliCommand *c, int argc, char **argv)
{
    struct option longs[MAX_OPTS + 1];
    char shorts[2 * MAX_OPTS + 1];
    bool seen[MAX_OPTS] = { false };
    int n = make_getopt(c->opts, longs, shorts), ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        const CliOpt *o = option_of(c->opts, n, ch);
        if (!o)
            return try_help(c->name);   /* getopt_long has said what */
        seen[o - c->opts] = true;
        int rc = take(c, o, optarg);
        if (rc != CLI_GO)
            return rc;
    }
    for (int i = 0; i < n; i++)
        if (c->opts[i].missing && !seen[i])
            return cli_usage_error(c->name, "%s", _(c->opts[i].missing));
    if (c->no_operands && optind >= argc)
        return cli_usage_error(c->name, "%s", _(c->no_operands));
    return CLI_GO;
}
