/* cli_out.c - output files: path checks, temporary names, signals. See cli_out.h.
 *
 * One temporary file at a time is enough (one trace or one PNG per command);
 * its name lives in a static buffer so the signal handler can unlink() it -
 * unlink is async-signal-safe, free and stdio are not.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli_out.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char pending[4096]; /* the temporary file to remove, "" none */
static volatile sig_atomic_t pending_set = 0;

static void on_signal(int sig) {
  if (pending_set) unlink(pending);
  /* Die of the signal itself, so the parent sees what happened (a shell
   * prints 128 + N: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP). */
  signal(sig, SIG_DFL);
  raise(sig);
}

void cli_out_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction old;
    /* A signal ignored by whoever started us (nohup) stays ignored. */
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sigaction(sigs[i], &sa, NULL);
  }
}

/* Exit status 1, as for any file that cannot be written (README, SPEC §4). */
static const char *out_cmd, *out_what;

static int out_fail(const char *cmd, const char *path, const char *why) {
  if (cmd)
    fprintf(stderr, "%s: error: cannot write %s '%s': %s\n", cmd, out_what, path, why);
  else
    fprintf(stderr, "%s: error: cannot write %s: %s\n", path, out_what, why);
  return 1;
}

int cli_out_check(const char *cmd, const char *what, const char *path, const char *input) {
  return cli_out_check_input(cmd, what, path, input, "it is the scenario being read");
}

int cli_out_check_input(const char *cmd, const char *what, const char *path, const char *input,
                        const char *input_what) {
  struct stat st, in;
  out_cmd = cmd;
  out_what = what;
  if (lstat(path, &st) == 0) {
    if (S_ISLNK(st.st_mode))
      return out_fail(out_cmd, path, "it is a symbolic link (give the path of the file itself)");
    if (S_ISDIR(st.st_mode)) return out_fail(out_cmd, path, "it is a directory");
    if (!S_ISREG(st.st_mode))
      return out_fail(out_cmd, path, "it is not a regular file (a device or a FIFO)");
    if (input && stat(input, &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino)
      return out_fail(out_cmd, path, input_what);
  } else if (errno != ENOENT) {
    return out_fail(out_cmd, path, strerror(errno));
  }
  /* The temporary file goes beside FILE: its directory must take new files. */
  size_t n = strlen(path);
  char *dir = malloc(n + 2);
  if (!dir) return out_fail(out_cmd, path, strerror(ENOMEM));
  memcpy(dir, path, n + 1);
  char *slash = strrchr(dir, '/');
  if (!slash)
    strcpy(dir, ".");
  else if (slash == dir)
    dir[1] = '\0';
  else
    *slash = '\0';
  int rc = 0;
  if (stat(dir, &st) != 0)
    rc =
        out_fail(out_cmd, path, errno == ENOENT ? "its directory does not exist" : strerror(errno));
  else if (!S_ISDIR(st.st_mode))
    rc = out_fail(out_cmd, path, "its directory is not a directory");
  else if (access(dir, W_OK | X_OK) != 0)
    rc = out_fail(out_cmd, path, strerror(errno));
  free(dir);
  return rc;
}

/* "PATH.tmp-PID-I", or with keep_ext "STEM.tmp-PID-I.EXT" (the extension
 * of the last path component only). */
static void temp_name(char *name, size_t size, const char *path, int keep_ext, int i) {
  const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
  if (!keep_ext || !dot || (slash && dot < slash) || dot == (slash ? slash + 1 : path)) {
    snprintf(name, size, "%s.tmp-%d-%d", path, (int)getpid(), i);
    return;
  }
  snprintf(name, size, "%.*s.tmp-%d-%d%s", (int)(dot - path), path, (int)getpid(), i, dot);
}

int cli_out_open(cli_out *o, const char *path, int flags) {
  int stream = (flags & CLI_OUT_STREAM) != 0;
  static int signals_set = 0;
  if (!signals_set) {
    cli_out_signals();
    signals_set = 1;
  }
  memset(o, 0, sizeof o[0]);
  size_t size = strlen(path) + 32;
  if (size > sizeof pending) return ENAMETOOLONG;
  char *name = malloc(size);
  if (!name) return ENOMEM;
  int e = EEXIST;
  for (int i = 0; i < 1000 && e == EEXIST; i++) {
    temp_name(name, size, path, (flags & CLI_OUT_KEEP_EXT) != 0, i);
    int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0) {
      e = errno;
      continue;
    }
    pending_set = 0;
    memcpy(pending, name, strlen(name) + 1);
    pending_set = 1;
    if (!stream) {
      close(fd);
    } else if (!(o->f = fdopen(fd, "w"))) {
      e = errno;
      close(fd);
      unlink(name);
      pending_set = 0;
      break;
    }
    o->tmp = name;
    return 0;
  }
  free(name);
  return e;
}

static void forget(cli_out *o) {
  pending_set = 0;
  free(o->tmp);
  o->tmp = NULL;
  o->f = NULL;
}

int cli_out_commit(cli_out *o, const char *path) {
  int e = 0;
  if (o->f) {
    /* fflush and fsync before fclose: a full disk shows here, not later. */
    if (fflush(o->f) != 0 || ferror(o->f)) e = errno ? errno : EIO;
    if (!e && fsync(fileno(o->f)) != 0 && errno != EINVAL) e = errno;
    if (fclose(o->f) != 0 && !e) e = errno ? errno : EIO;
  }
  if (!e && rename(o->tmp, path) != 0) e = errno;
  if (e) unlink(o->tmp);
  forget(o);
  return e;
}

void cli_out_abandon(cli_out *o) {
  if (!o->tmp) return;
  if (o->f) fclose(o->f);
  unlink(o->tmp);
  forget(o);
}
