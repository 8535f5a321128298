/* draw.h - internal: drawing one frame from a const view, layout and set.
 *
 * Nothing here changes the view or the set; everything that moves is in
 * view_state. draw.c orders the parts; each part is a file (draw_scene.c,
 * draw_timeline.c, draw_ui.c) that draws with prim.h's primitives.
 */
#ifndef RENDER_DRAW_H
#define RENDER_DRAW_H

#include "prim.h"

/* The whole frame: background, title, panels, axis, controls, overlays. */
void rnd_draw_frame(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_set *set);

/* The parts, one file each. */
void rnd_draw_scene(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                    const trk_set *set);
void rnd_draw_gantt(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                    const trk_set *set);
void rnd_draw_overview(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                       const trk_set *set);
void rnd_draw_chart(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                    const trk_set *set);
void rnd_draw_axis(rnd_ctx *c, const lay_layout *lay, const view_state *v);
void rnd_draw_playhead(rnd_ctx *c, const lay_layout *lay, const view_state *v);
void rnd_draw_title(rnd_ctx *c, const lay_layout *lay, const trk_set *set);
void rnd_draw_header(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                     const trk_set *set);
void rnd_draw_controls(rnd_ctx *c, const lay_layout *lay, const view_state *v);
void rnd_draw_tooltip(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_set *set);
void rnd_draw_loop(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_set *set);
void rnd_draw_help(rnd_ctx *c, const lay_layout *lay);
void rnd_draw_toast(rnd_ctx *c, const lay_layout *lay, const view_state *v);

#endif
