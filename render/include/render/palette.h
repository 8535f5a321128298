/* palette.h - the window's colours: one per task state, shared by tiles,
 * Gantt rows and the legend, so a colour means the same thing everywhere.
 *
 * The state colours are the Okabe-Ito palette, chosen to stay distinct for
 * the common colour-vision deficiencies (deuteranopia, protanopia,
 * tritanopia); they also differ in lightness, so they survive a greyscale
 * printout. The UI sits on a dark background because the light Okabe-Ito
 * colours (yellow, sky blue) lose contrast on white.
 *
 * Plain C with no SDL: tests compare pixels against these values.
 */
#ifndef RENDER_PALETTE_H
#define RENDER_PALETTE_H

#include <stdint.h>

#include "render/track.h"

typedef struct rnd_rgb {
  uint8_t r, g, b;
} rnd_rgb;

/* One colour per trk_state (pending, running, waiting, ready, blocked, done). */
rnd_rgb pal_state_color(trk_state state);

/* A worker lane moving between tasks (switch_cost). */
#define RND_SWITCH_COLOR ((rnd_rgb){0xe6, 0xe6, 0xe6})
/* A worker lane with nothing to run: no task, or (sync) its task is in a
 * wait. A muted slate blue: quiet next to the states, yet at least CIE76 15
 * from each of them and from the rows' backgrounds under the three
 * colour-vision deficiencies (test_render_frame checks it). */
#define RND_IDLE_COLOR ((rnd_rgb){0x3d, 0x5a, 0x80})

/* Chrome. */
#define RND_BG          ((rnd_rgb){0x17, 0x1a, 0x1f})
#define RND_PANEL       ((rnd_rgb){0x21, 0x25, 0x2c})
#define RND_PANEL_LINE  ((rnd_rgb){0x34, 0x39, 0x42})
#define RND_ROW_ALT     ((rnd_rgb){0x26, 0x2a, 0x32})
#define RND_TEXT        ((rnd_rgb){0xe8, 0xea, 0xed})
#define RND_TEXT_DIM    ((rnd_rgb){0x9a, 0xa0, 0xa9})
#define RND_ACCENT      ((rnd_rgb){0xff, 0xff, 0xff})
#define RND_PLAYHEAD    ((rnd_rgb){0xff, 0xff, 0xff})
#define RND_BUTTON      ((rnd_rgb){0x2e, 0x33, 0x3c})
#define RND_BUTTON_HOT  ((rnd_rgb){0x45, 0x4c, 0x58})
#define RND_BOARD_LIGHT ((rnd_rgb){0xee, 0xe4, 0xd0})
#define RND_BOARD_DARK  ((rnd_rgb){0x8a, 0x76, 0x5e})

/* The state names the legend and tooltips use ("running", "waiting"...). */
const char *pal_state_name(trk_state state);

#endif
