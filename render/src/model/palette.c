/* palette.c - the state colours; see palette.h for why these. */
#include "render/palette.h"

rnd_rgb pal_state_color(trk_state state) {
  switch (state) {
  case TRK_RUNNING:
    return (rnd_rgb){0xd5, 0x5e, 0x00}; /* Okabe-Ito vermillion */
  case TRK_WAITING:
    return (rnd_rgb){0x56, 0xb4, 0xe9}; /* sky blue */
  case TRK_READY:
    return (rnd_rgb){0xf0, 0xe4, 0x42}; /* yellow */
  case TRK_BLOCKED:
    return (rnd_rgb){0xcc, 0x79, 0xa7}; /* reddish purple */
  case TRK_DONE:
    return (rnd_rgb){0x00, 0x9e, 0x73}; /* bluish green */
  case TRK_PENDING:
  default:
    return (rnd_rgb){0x4a, 0x50, 0x5a}; /* a neutral grey: nothing has happened yet */
  }
}

const char *pal_state_name(trk_state state) {
  static const char *const names[TRK_STATE_COUNT] = {"not started", "running", "waiting",
                                                     "ready",       "blocked", "done"};
  return state < TRK_STATE_COUNT ? names[state] : "?";
}
