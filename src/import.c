/* import.c — pgc import (being written). */
#include "pgc.h"

int cmd_import(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("pgc: import is not implemented yet\n", stderr);
    return 2;
}
