/*
 * score.c — one project scored: its actuals bound, its rules run, its
 * report appended.  The step `pgc eval` (eval.c) and a built evaluator
 * (rtmain.c) both take for every project, so the two cannot drift apart:
 *
 *     lowered project ─ev_bind─▶ bound ─engine or ev_run─▶ scored ─rep_project─▶ report
 *       (PH_LOWER, from when its lowering or reading began)  (PH_SCORE)   (PH_REPORT)
 *
 * Who runs the rules is the caller's engine: the interpreter (interp.c),
 * which defines the semantics, when there is none; else the JIT (pgc eval
 * --engine=jit: its prepare compiles a scheme before the scheme's first
 * project, PH_COMPILE) or the batches compiled into an evaluator.  Every
 * engine hands back to the interpreter what it cannot do exactly, so the
 * reports are the same byte for byte (tests/cli/jit-diff.sh, build-diff.sh).
 *
 * The report is appended to a Spool and written out by score_write only
 * when every project was scored (a status of 0): nothing is half-written.
 * A report that is no text (pgc eval --format xlsx: a workbook, which the
 * runtime cannot write — a built evaluator links libc alone) is the
 * caller's: its sink takes each project scored instead, and the caller
 * hands the finished file to the Spool (its tmp) for score_write.
 *
 * A report of many projects has a dashboard (dash.c: the grades, the
 * scores' histogram, the projects and indicators furthest behind, the
 * subtotals by 主管部门 and 实施单位), each project added to it as it is
 * reported, and written by score_end: at the end (text, md, json), or
 * ahead of everything (html: the Spool's head, which spool_write writes
 * first).
 *
 * In parts (-j, parts.c), each part scores into a report of its own (no
 * beginning, no end: score_part_begin … score_part_end, which writes it
 * to the part's stdout), and the whole report is joined from them in
 * order (score_join), with the separator the format puts between two
 * projects — the same bytes as one process writes.  A part's dashboard
 * goes ahead of its report in that file (dash_save; its size in the
 * shared PartResult), and score_join merges it into the run's.
 */
#include "rt.h"

#include <stdlib.h>

void score_begin(ScoreRun *s)
{
    rep_begin(&s->out->buf, s->format);
    if (!s->sink)
        s->dash = rep_dash_new(s->format);
}

bool score_bind(ScoreRun *s, EvProject *p, ActualRow *rows, double since, Arena *arena)
{
    tm_end(s->tm, PH_LOWER, since);
    double t = tm_now(s->tm);
    bool bound = ev_bind(s->std, p, rows, s->actuals_path, s->act, arena);
    tm_end(s->tm, PH_BIND, t);
    return bound;
}

/* Scores a bound p: through the engine, if there is one and it is ready
 * for p's scheme, else by the interpreter. */
static bool run_rules(ScoreRun *s, EvProject *p, Arena *arena)
{
    if (s->engine && s->engine->prepare) {
        double t = tm_now(s->tm);
        ScoreReady ready = s->engine->prepare(s->engine->ctx, p->scheme);
        tm_end(s->tm, PH_COMPILE, t);
        if (ready == SCORE_FAILED)
            return false;
        if (ready == SCORE_ENGINE_OFF)
            s->engine = NULL;
    }
    double t = tm_now(s->tm);
    bool ok = s->engine ? s->engine->score(s->engine->ctx, p, s->explain, arena) : ev_run(p, s->explain, arena);
    tm_end(s->tm, PH_SCORE, t);
    return ok;
}

bool score_project(ScoreRun *s, EvProject *p, ActualRow *rows, double since, Arena *arena)
{
    if (!score_bind(s, p, rows, since, arena) || !run_rules(s, p, arena))
        return false;
    double t = tm_now(s->tm);
    if (s->sink)
        s->sink(s->sink_ctx, p, s->explain);
    else
        rep_project(&s->out->buf, s->format, p, s->explain, s->nprojects == 0);
    if (s->dash)
        rep_dash_project(s->dash, p);
    tm_end(s->tm, PH_REPORT, t);
    s->nprojects++;
    return true;
}

void score_end(ScoreRun *s)
{
    rep_end(&s->out->buf, &s->out->head, s->format, s->nprojects, s->dash);
    dash_free(s->dash);
    s->dash = NULL;
}

void score_part_begin(ScoreRun *s, ScorePart *part)
{
    *part = (ScorePart){ .whole = s->out, .before = s->nprojects, .whole_dash = s->dash };
    s->out = &part->mine;
    s->nprojects = 0;
    s->dash = s->dash ? rep_dash_new(s->format) : NULL;
}

bool score_part_end(ScoreRun *s, ScorePart *part, const char *prog)
{
    bool ok = true;
    if (s->dash) {
        /* the part's dashboard ahead of its report, for score_join */
        Buf state = { 0 };
        dash_save(s->dash, &state);
        part->dash_bytes = state.n;
        ok = fwrite(state.s, 1, state.n, stdout) == state.n;
        buf_free(&state);
        dash_free(s->dash);
    }
    ok = ok && spool_write(&part->mine, NULL, prog);
    spool_free(&part->mine);
    part->nprojects = s->nprojects;
    s->out = part->whole;
    s->nprojects = part->before;
    s->dash = part->whole_dash;
    return ok;
}

bool score_take_part(ScoreRun *s, const PartsShared *sh, int k, FILE *out, bool *failed, bool *fatal)
{
    const PartResult *pr = &sh->part[k];
    *failed |= pr->failed;
    if (fatal)
        *fatal |= pr->fatal;
    return !pr->io_error && score_join(s, out, pr->nprojects, pr->dash_bytes);
}

PartsShared *score_shared_new(size_t nused)
{
    PartsShared *sh = parts_shared(sizeof *sh + nused);
    if (sh)
        sh->nused = nused;
    return sh;
}

void score_shared_free(PartsShared *sh)
{
    if (sh)
        parts_unshare(sh, sizeof *sh + sh->nused);
}

bool score_join(ScoreRun *s, FILE *part, int nprojects, size_t dash_bytes)
{
    if (nprojects == 0)
        return true;
    if (fflush(part) != 0 || fseek(part, 0, SEEK_SET) != 0)
        return false;
    if (dash_bytes) {
        char *state = xmalloc(dash_bytes);
        bool merged = fread(state, 1, dash_bytes, part) == dash_bytes && s->dash &&
                      dash_merge(s->dash, state, dash_bytes);
        free(state);
        if (!merged)
            return false;
    }
    if (s->nprojects > 0)
        rep_between(&s->out->buf, s->format);
    s->nprojects += nprojects;
    char chunk[1 << 16];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, part)) > 0) {
        buf_add(&s->out->buf, chunk, got);
        spool_keep(s->out);
    }
    return !ferror(part);
}

int score_write(ScoreRun *s, const char *path, const char *prog, int status)
{
    double t = tm_now(s->tm);
    if (status == EXIT_OK && !spool_write(s->out, path, prog))
        status = EXIT_USAGE;
    tm_end(s->tm, PH_REPORT, t);
    return status;
}
