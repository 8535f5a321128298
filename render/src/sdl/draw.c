/* draw.c - the frame's order of drawing; the parts are draw_*.c, the
 * primitives they share prim.c. */
#include "draw.h"

void rnd_draw_frame(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_set *set) {
  SDL_SetRenderDrawBlendMode(c->r, SDL_BLENDMODE_NONE);
  rnd_set_color(c->r, RND_BG, 255);
  SDL_RenderClear(c->r);
  rnd_draw_title(c, lay, set);
  for (int i = 0; i < lay->npanels; i++) {
    const lay_panel *p = &lay->panels[i];
    rnd_fill(c->r, p->panel, RND_PANEL);
    rnd_draw_header(c, lay, p, v, set);
    rnd_draw_scene(c, lay, p, v, set);
    rnd_draw_overview(c, lay, p, v, set);
    rnd_draw_gantt(c, lay, p, v, set);
    rnd_draw_chart(c, lay, p, v, set);
  }
  rnd_draw_axis(c, lay, v);
  rnd_draw_playhead(c, lay, v);
  rnd_draw_controls(c, lay, v);
  rnd_draw_loop(c, lay, v, set);
  if (v->help)
    rnd_draw_help(c, lay);
  else
    rnd_draw_tooltip(c, lay, v, set);
  rnd_draw_toast(c, lay, v);
}
