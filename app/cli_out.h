/* cli_out.h - output files (--trace FILE, render -o FILE): checked before the
 * run, written under a temporary name beside FILE and renamed over it only
 * when every byte is out, and never left behind by SIGINT, SIGTERM or SIGHUP.
 */
#ifndef APP_CLI_OUT_H
#define APP_CLI_OUT_H

#include <stdio.h>

/* Refuses, with "CMD: error: cannot write WHAT 'PATH': why" on stderr (or
 * "PATH: error: cannot write WHAT: why" when cmd is NULL) and exit status 2, an output path
 * that is a directory, a device, a FIFO, a symbolic link, the scenario file
 * being read (`input`, may be NULL or a built-in name), or in a directory
 * that does not exist or cannot be written. Returns 0 when FILE can be
 * written. Run it before the simulation, so minutes of work are not lost. */
int cli_out_check(const char *cmd, const char *what, const char *path, const char *input);

/* cli_out_check for another kind of input file: `input_what` is the reason
 * given when PATH is it ("it is a part being read"). */
int cli_out_check_input(const char *cmd, const char *what, const char *path, const char *input,
                        const char *input_what);

/* A temporary file "FILE.tmp-N" beside FILE, created exclusively and removed
 * by the signal handler if the process is interrupted. */
typedef struct cli_out {
  char *tmp;
  FILE *f; /* NULL when opened with f = 0 (the file is written by name) */
} cli_out;

/* cli_out_open's flags. */
enum {
  CLI_OUT_STREAM = 1,  /* open it for writing (o->f); else it is created empty and
                          closed, for a writer that takes a name (IMG_SavePNG) */
  CLI_OUT_KEEP_EXT = 2 /* "NAME.tmp-N.EXT": for a writer that picks the format by
                          the name's ending (PLplot) */
};

/* Opens the temporary file (installing the signal handlers on first use).
 * Returns 0 or an errno. */
int cli_out_open(cli_out *o, const char *path, int flags);

/* Flushes, checks every write, closes and renames over `path`. Returns 0 or
 * an errno; the temporary file is removed either way. */
int cli_out_commit(cli_out *o, const char *path);

/* Removes the temporary file (a failed run). */
void cli_out_abandon(cli_out *o);

/* Installs the SIGINT/SIGTERM/SIGHUP handlers: remove the temporary file,
 * then die of the signal (exit status 130, 143, 129 in a shell). */
void cli_out_signals(void);

#endif
