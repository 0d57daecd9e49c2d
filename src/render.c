/* render.c — pgc render (being written). */
#include "pgc.h"

int cmd_render(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("pgc: render is not implemented yet\n", stderr);
    return 2;
}
