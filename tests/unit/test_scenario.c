/* test_scenario.c - loading scenarios: the two shipped files give exactly
 * the model of docs/scenario-format.md, the format's optional parts, task names, --set overrides
 * (and their errors), and the built-in table. Bad files have their own suite,
 * test_bad_scenarios.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/run.h" /* sim_task_name */
#include "sim/scenario.h"

/* --- helpers ------------------------------------------------------------------ */

static void load_ok(const char *text, const char *const *sets, int nsets, scn_scenario *scn) {
  sim_error err = {0};
  int rc = scn_load_text("test.yaml", text, strlen(text), sets, nsets, scn, &err);
  if (rc) fail_msg("load failed: %s", err.msg);
}

/* Loads and asserts failure with exactly `msg`. */
static void load_fails(const char *text, const char *const *sets, int nsets, const char *msg) {
  scn_scenario scn;
  sim_error err = {0};
  int rc = scn_load_text("test.yaml", text, strlen(text), sets, nsets, &scn, &err);
  assert_int_equal(rc, SIM_EINPUT);
  assert_string_equal(err.msg, msg);
  assert_null(scn.groups);
  assert_int_equal(scn.ngroups, 0);
}

static void builtin_ok(const char *name, const char *const *sets, int nsets, scn_scenario *scn) {
  sim_error err = {0};
  int rc = scn_load(name, sets, nsets, scn, &err);
  if (rc) fail_msg("load %s failed: %s", name, err.msg);
}

static void builtin_fails(const char *name, const char *const *sets, int nsets, const char *msg) {
  scn_scenario scn;
  sim_error err = {0};
  assert_int_equal(scn_load(name, sets, nsets, &scn, &err), SIM_EINPUT);
  assert_string_equal(err.msg, msg);
}

static void assert_step(const scn_step *st, scn_step_kind kind, sim_time d, int resource,
                        const char *label) {
  assert_int_equal(st->kind, kind);
  if (kind == SCN_STEP_CPU || kind == SCN_STEP_WAIT) {
    assert_int_equal(st->duration.kind, SCN_DIST_FIXED);
    assert_true(st->duration.value == d);
  }
  if (kind == SCN_STEP_ACQUIRE || kind == SCN_STEP_RELEASE)
    assert_int_equal(st->resource, resource);
  if (label)
    assert_string_equal(st->label, label);
  else
    assert_null(st->label);
}

static char *read_source_file(const char *rel, size_t *len) {
  const char *src = getenv("SIMUL_SOURCE_DIR");
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", src ? src : ".", rel);
  FILE *f = fopen(path, "rb");
  if (!f) fail_msg("cannot open %s", path);
  static char buf[1 << 16];
  *len = fread(buf, 1, sizeof buf - 1, f);
  buf[*len] = '\0';
  fclose(f);
  return buf;
}

/* --- the shipped scenarios --------------------------------------------------------- */

static void chess_is_the_spec_model(void **state) {
  (void)state;
  scn_scenario s;
  builtin_ok("chess", NULL, 0, &s);
  assert_string_equal(s.file, "scenarios/chess.yaml");
  assert_string_equal(s.name, "Chess exhibition");
  assert_string_equal(
      s.description, "One master plays 24 opponents; 5 s per move for her, 55 s for each of them.");
  assert_true(s.seed == 1);
  assert_int_equal(s.nresources, 0);
  assert_int_equal(s.nstrategies, 2);
  assert_string_equal(s.strategies[0].text, "sync");
  assert_string_equal(s.strategies[1].text, "async");
  assert_int_equal(s.ngroups, 1);
  assert_int_equal(s.ntasks, 24);
  const scn_group *g = &s.groups[0];
  assert_string_equal(g->name, "board");
  assert_int_equal(g->count, 24);
  assert_int_equal(g->repeat, 30);
  assert_int_equal(g->nsteps, 2);
  assert_step(&g->steps[0], SCN_STEP_CPU, 5 * SIM_S, -1, "master moves");
  assert_step(&g->steps[1], SCN_STEP_WAIT, 55 * SIM_S, -1, "opponent thinks");
  scn_free(&s);
}

static void laundry_is_the_spec_model(void **state) {
  (void)state;
  scn_scenario s;
  builtin_ok("laundry", NULL, 0, &s);
  assert_string_equal(s.file, "scenarios/laundry.yaml");
  assert_string_equal(s.name, "Laundry day");
  assert_non_null(s.description);
  assert_string_equal(s.worker, "parent");
  assert_int_equal(s.nstrategies, 2);
  assert_string_equal(s.strategies[0].text, "sync");
  assert_string_equal(s.strategies[1].text, "async");
  assert_int_equal(s.nresources, 2);
  assert_string_equal(s.resources[0].name, "washer");
  assert_int_equal(s.resources[0].capacity, 1);
  assert_string_equal(s.resources[1].name, "dryer");
  assert_int_equal(s.resources[1].capacity, 1);
  assert_int_equal(s.ngroups, 2);
  assert_int_equal(s.ntasks, 4);

  const scn_group *c = &s.groups[0];
  assert_string_equal(c->name, "checklist");
  assert_int_equal(c->count, 1);
  assert_int_equal(c->repeat, 12);
  assert_int_equal(c->nsteps, 2);
  assert_step(&c->steps[0], SCN_STEP_CPU, 5 * SIM_MIN, -1, "balance one item");
  assert_step(&c->steps[1], SCN_STEP_YIELD, 0, -1, NULL);

  const scn_group *l = &s.groups[1];
  assert_string_equal(l->name, "load");
  assert_int_equal(l->count, 3);
  assert_int_equal(l->repeat, 1);
  assert_int_equal(l->nsteps, 9);
  assert_step(&l->steps[0], SCN_STEP_ACQUIRE, 0, 0, NULL);
  assert_step(&l->steps[1], SCN_STEP_CPU, 3 * SIM_MIN, -1, "load the washer");
  assert_step(&l->steps[2], SCN_STEP_WAIT, 40 * SIM_MIN, -1, "washing");
  assert_step(&l->steps[3], SCN_STEP_ACQUIRE, 0, 1, NULL);
  assert_step(&l->steps[4], SCN_STEP_CPU, 2 * SIM_MIN, -1, "move clothes to the dryer");
  assert_step(&l->steps[5], SCN_STEP_RELEASE, 0, 0, NULL);
  assert_step(&l->steps[6], SCN_STEP_WAIT, 50 * SIM_MIN, -1, "drying");
  assert_step(&l->steps[7], SCN_STEP_CPU, 5 * SIM_MIN, -1, "unload and fold");
  assert_step(&l->steps[8], SCN_STEP_RELEASE, 0, 1, NULL);
  scn_free(&s);
}

/* The built-in copy is the file, byte for byte, and loads to the same model. */
static void builtins_match_their_files(void **state) {
  (void)state;
  for (size_t i = 0; i < scn_builtin_count(); i++) {
    const scn_builtin *b = scn_builtin_at(i);
    char rel[300];
    snprintf(rel, sizeof rel, "scenarios/%s.yaml", b->name);
    size_t len;
    const char *text = read_source_file(rel, &len);
    assert_int_equal(b->len, len);
    assert_memory_equal(b->text, text, len);
    assert_int_equal(b->text[b->len], '\0');

    const char *src = getenv("SIMUL_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", src ? src : ".", rel);
    scn_scenario from_file, from_builtin;
    sim_error err = {0};
    if (scn_load(path, NULL, 0, &from_file, &err)) fail_msg("%s", err.msg);
    builtin_ok(b->name, NULL, 0, &from_builtin);
    assert_string_equal(from_file.file, path);
    assert_string_equal(from_file.name, from_builtin.name);
    assert_int_equal(from_file.ntasks, from_builtin.ntasks);
    assert_int_equal(from_file.ngroups, from_builtin.ngroups);
    scn_free(&from_file);
    scn_free(&from_builtin);
  }
}

static void strategy_refs_say_where(void **state) {
  (void)state;
  scn_scenario s;
  builtin_ok("chess", NULL, 0, &s);
  /* "strategies: [sync, async]" is line 20 of chess.yaml. */
  assert_int_equal(s.strategies[0].loc.line, 20);
  assert_int_equal(s.strategies[0].loc.col, 14);
  assert_string_equal(s.strategies[0].where, "scenarios/chess.yaml:20:14");
  assert_string_equal(s.strategies[1].where, "scenarios/chess.yaml:20:20");
  scn_free(&s);
}

/* --- the format ------------------------------------------------------------------ */

static void count_and_repeat_default_to_one(void **state) {
  (void)state;
  scn_scenario s;
  load_ok("name: x\ntasks:\n  - name: solo\n    steps: [yield]\n", NULL, 0, &s);
  assert_int_equal(s.groups[0].count, 1);
  assert_int_equal(s.groups[0].repeat, 1);
  assert_int_equal(s.ntasks, 1);
  assert_true(s.seed == 1);
  assert_int_equal(s.nstrategies, 0);
  assert_null(s.strategies);
  assert_null(s.description);
  scn_free(&s);
}

static void ntasks_sums_the_counts(void **state) {
  (void)state;
  scn_scenario s;
  load_ok("name: x\ntasks:\n"
          "  - {name: a, count: 3, steps: [yield]}\n"
          "  - {name: b, steps: [yield]}\n"
          "  - {name: c, count: 5, repeat: 7, steps: [yield]}\n",
          NULL, 0, &s);
  assert_int_equal(s.ntasks, 9);
  assert_int_equal(s.groups[2].repeat, 7);
  scn_free(&s);
}

static void seed_is_read(void **state) {
  (void)state;
  scn_scenario s;
  load_ok("name: x\nseed: 18446744073709551615\ntasks: [{name: a, steps: [yield]}]\n", NULL, 0, &s);
  assert_true(s.seed == UINT64_MAX);
  scn_free(&s);
  load_ok("name: x\nseed: 0\ntasks: [{name: a, steps: [yield]}]\n", NULL, 0, &s);
  assert_true(s.seed == 0);
  scn_free(&s);
}

static void labels_are_optional(void **state) {
  (void)state;
  scn_scenario s;
  load_ok("name: x\ntasks:\n  - name: a\n    steps:\n"
          "      - cpu: 1s\n"
          "      - {wait: 2s, label: the world works}\n"
          "      - {yield: ~, label: breathe}\n",
          NULL, 0, &s);
  assert_step(&s.groups[0].steps[0], SCN_STEP_CPU, SIM_S, -1, NULL);
  assert_step(&s.groups[0].steps[1], SCN_STEP_WAIT, 2 * SIM_S, -1, "the world works");
  assert_step(&s.groups[0].steps[2], SCN_STEP_YIELD, 0, -1, "breathe");
  scn_free(&s);
}

static void yield_has_four_spellings(void **state) {
  (void)state;
  scn_scenario s;
  load_ok("name: x\ntasks:\n  - name: a\n    steps:\n"
          "      - yield\n      - yield: ~\n      - yield:\n      - {yield: true}\n",
          NULL, 0, &s);
  for (int i = 0; i < 4; i++) assert_int_equal(s.groups[0].steps[i].kind, SCN_STEP_YIELD);
  scn_free(&s);
}

static void durations_take_every_form(void **state) {
  (void)state;
  scn_scenario s;
  load_ok("name: x\ntasks:\n  - name: a\n    steps:\n"
          "      - cpu: 90\n      - wait: 1.5min\n      - cpu: 1h30min\n      - wait: 250us\n"
          "      - cpu: 0.1s\n      - wait: 0s\n",
          NULL, 0, &s);
  const scn_step *st = s.groups[0].steps;
  assert_true(st[0].duration.value == 90 * SIM_S);
  assert_true(st[1].duration.value == 90 * SIM_S);
  assert_true(st[2].duration.value == 90 * SIM_MIN);
  assert_true(st[3].duration.value == 250);
  assert_true(st[4].duration.value == 100000);
  assert_true(st[5].duration.value == 0);
  scn_free(&s);
}

static void strategy_mappings_become_cli_text(void **state) {
  (void)state;
  scn_scenario s;
  load_ok("name: x\nstrategies:\n"
          "  - sync\n"
          "  - {threads: {gil: off, cores: 4}}\n"
          "  - threads: ~\n"
          "  - processes:\n      processes: 4\n      spawn: 50ms\n"
          "  - queue:gil=on,workers=2\n"
          "tasks: [{name: a, steps: [yield]}]\n",
          NULL, 0, &s);
  assert_int_equal(s.nstrategies, 5);
  assert_string_equal(s.strategies[0].text, "sync");
  assert_string_equal(s.strategies[1].text, "threads:gil=off,cores=4");
  assert_int_equal(s.strategies[1].loc.line, 4);
  assert_int_equal(s.strategies[1].loc.col, 5);
  assert_string_equal(s.strategies[1].where, "test.yaml:4:5");
  assert_string_equal(s.strategies[2].text, "threads");
  assert_string_equal(s.strategies[3].text, "processes:processes=4,spawn=50ms");
  assert_string_equal(s.strategies[4].text, "queue:gil=on,workers=2");
  scn_free(&s);
}

/* In a flow list the commas of "threads:gil=off,cores=4" split the item; a
 * piece with '=' and no ':' rejoins the one before, as on the command line. */
static void strategy_flow_list_rejoins_parameters(void **state) {
  (void)state;
  scn_scenario s;
  load_ok("name: x\nstrategies: [sync, threads:gil=off,cores=4, async]\n"
          "tasks: [{name: a, steps: [yield]}]\n",
          NULL, 0, &s);
  assert_int_equal(s.nstrategies, 3);
  assert_string_equal(s.strategies[0].text, "sync");
  assert_string_equal(s.strategies[1].text, "threads:gil=off,cores=4");
  assert_string_equal(s.strategies[2].text, "async");
  scn_free(&s);
}

static void locations_are_one_based(void **state) {
  (void)state;
  scn_scenario s;
  load_ok("name: x\nresources: {washer: 2}\ntasks:\n  - name: a\n    steps:\n"
          "      - acquire: washer\n      - {release: washer}\n",
          NULL, 0, &s);
  assert_int_equal(s.resources[0].loc.line, 2);
  assert_int_equal(s.resources[0].loc.col, 13);
  assert_int_equal(s.resources[0].capacity, 2);
  assert_int_equal(s.groups[0].loc.line, 4);
  assert_int_equal(s.groups[0].loc.col, 5);
  assert_int_equal(s.groups[0].steps[0].loc.line, 6);
  assert_int_equal(s.groups[0].steps[0].loc.col, 9);
  assert_int_equal(s.groups[0].steps[1].loc.col, 9);
  scn_free(&s);
}

static void aliases_can_share_steps(void **state) {
  (void)state;
  scn_scenario s;
  load_ok("name: x\ntasks:\n"
          "  - {name: a, steps: &moves [{cpu: 5s}, {wait: 55s}]}\n"
          "  - {name: b, steps: *moves}\n",
          NULL, 0, &s);
  assert_int_equal(s.groups[1].nsteps, 2);
  assert_true(s.groups[1].steps[1].duration.value == 55 * SIM_S);
  scn_free(&s);
}

static void nested_acquires_balance(void **state) {
  (void)state;
  scn_scenario s;
  load_ok("name: x\nresources: {a: 2, b: 1}\ntasks:\n  - name: t\n    steps:\n"
          "      - acquire: a\n      - acquire: b\n      - acquire: a\n"
          "      - release: a\n      - release: b\n      - release: a\n",
          NULL, 0, &s);
  assert_int_equal(s.groups[0].nsteps, 6);
  scn_free(&s);
}

static void text_is_read_only_up_to_len(void **state) {
  (void)state;
  const char text[] = "name: x\ntasks: [{name: a, steps: [yield]}]\n!!garbage: [";
  scn_scenario s;
  sim_error err = {0};
  size_t len = strlen("name: x\ntasks: [{name: a, steps: [yield]}]\n");
  assert_int_equal(scn_load_text("t.yaml", text, len, NULL, 0, &s, &err), 0);
  scn_free(&s);
}

static void limits_are_enforced_at_the_edge(void **state) {
  (void)state;
  /* 65535 steps load; one more does not (the engine counts steps in 16 bits). */
  size_t cap = 70000 * 16 + 200;
  char *text = malloc(cap);
  assert_non_null(text);
  for (int steps = 65535; steps <= 65536; steps++) {
    size_t n = (size_t)snprintf(text, cap, "name: x\ntasks:\n  - name: a\n    steps:\n");
    for (int i = 0; i < steps; i++) n += (size_t)snprintf(text + n, cap - n, "    - yield\n");
    scn_scenario s;
    sim_error err = {0};
    int rc = scn_load_text("big.yaml", text, n, NULL, 0, &s, &err);
    if (steps == 65535) {
      assert_int_equal(rc, 0);
      assert_int_equal(s.groups[0].nsteps, 65535);
      scn_free(&s);
    } else {
      assert_int_equal(rc, SIM_EINPUT);
      assert_string_equal(err.msg, "big.yaml:65540:7: error: too many steps in task group 'a': "
                                   "65536 (at most 65535)");
    }
  }
  /* 250 resources load; 251 do not (8 bits in the engine). */
  for (int nres = 250; nres <= 251; nres++) {
    size_t n = (size_t)snprintf(text, cap, "name: x\nresources:\n");
    for (int i = 0; i < nres; i++) n += (size_t)snprintf(text + n, cap - n, "  r%d: 1\n", i);
    n += (size_t)snprintf(text + n, cap - n, "tasks: [{name: a, steps: [yield]}]\n");
    scn_scenario s;
    sim_error err = {0};
    int rc = scn_load_text("res.yaml", text, n, NULL, 0, &s, &err);
    if (nres == 250) {
      assert_int_equal(rc, 0);
      assert_int_equal(s.nresources, 250);
      scn_free(&s);
    } else {
      assert_int_equal(rc, SIM_EINPUT);
      assert_string_equal(err.msg, "res.yaml:253:3: error: too many resources: 251 (at most 250)");
    }
  }
  free(text);
}

/* --- task names ---------------------------------------------------------------------- */

/* Without a run (NULL) tasks are named by the counts as written; a run's
 * own counts are test_queueing.c's. */
static void task_names_number_instances(void **state) {
  (void)state;
  scn_scenario s;
  builtin_ok("laundry", NULL, 0, &s);
  char buf[64];
  int32_t inst = -5;
  assert_int_equal(sim_task_group(&s, NULL, 0, &inst), 0);
  assert_int_equal(inst, 0);
  assert_int_equal(sim_task_name(&s, NULL, 0, buf, sizeof buf), 9);
  assert_string_equal(buf, "checklist"); /* count 1 keeps the group's name */
  assert_int_equal(sim_task_group(&s, NULL, 3, &inst), 1);
  assert_int_equal(inst, 2);
  sim_task_name(&s, NULL, 1, buf, sizeof buf);
  assert_string_equal(buf, "load 1");
  sim_task_name(&s, NULL, 3, buf, sizeof buf);
  assert_string_equal(buf, "load 3");
  assert_int_equal(sim_task_group(&s, NULL, 4, &inst), -1);
  assert_int_equal(sim_task_group(&s, NULL, -1, NULL), -1);
  scn_free(&s);

  builtin_ok("chess", NULL, 0, &s);
  sim_task_name(&s, NULL, 6, buf, sizeof buf);
  assert_string_equal(buf, "board 7");
  sim_task_name(&s, NULL, 23, buf, sizeof buf);
  assert_string_equal(buf, "board 24");
  char small[4];
  assert_int_equal(sim_task_name(&s, NULL, 23, small, sizeof small), 8);
  assert_string_equal(small, "boa");
  scn_free(&s);
}

/* Each kind's name is the key the format reads: a step written with the
 * name loads as that kind (the names come from the X-macro, not a copy). */
static void step_kind_names_are_the_keys_the_loader_reads(void **state) {
  (void)state;
  /* The argument each kind takes in the file. */
  static const char *const arg[SCN_STEP_KIND_COUNT] = {
      [SCN_STEP_CPU] = "1s",     [SCN_STEP_WAIT] = "1s",   [SCN_STEP_YIELD] = "null",
      [SCN_STEP_ACQUIRE] = "r",  [SCN_STEP_RELEASE] = "r", [SCN_STEP_BLOCK] = "1s",
      [SCN_STEP_OFFLOAD] = "1s",
  };
  for (int k = 0; k < SCN_STEP_KIND_COUNT; k++) {
    char yaml[256];
    const char *name = scn_step_kind_name((scn_step_kind)k);
    /* acquire and release must balance: each is paired with the other. */
    const char *before = k == SCN_STEP_RELEASE ? "{acquire: r}, " : "";
    const char *after = k == SCN_STEP_ACQUIRE ? ", {release: r}" : "";
    snprintf(yaml, sizeof yaml,
             "name: kinds\nresources: {r: 1}\ntasks:\n  - {name: t, steps: [%s{%s: %s}%s]}\n",
             before, name, arg[k], after);
    scn_scenario s;
    load_ok(yaml, NULL, 0, &s);
    const scn_step *st = &s.groups[0].steps[k == SCN_STEP_RELEASE ? 1 : 0];
    if ((int)st->kind != k) fail_msg("'%s' loaded as %s", name, scn_step_kind_name(st->kind));
    scn_free(&s);
  }
}

/* --- --set ------------------------------------------------------------------------------- */

static void set_changes_count_resources_name(void **state) {
  (void)state;
  scn_scenario s;
  const char *chess[] = {"tasks.board.count=48", "name=Foo", "tasks.0.repeat=3",
                         "tasks.board.steps.0.cpu=4s"};
  builtin_ok("chess", chess, 4, &s);
  assert_int_equal(s.groups[0].count, 48);
  assert_int_equal(s.ntasks, 48);
  assert_string_equal(s.name, "Foo");
  assert_int_equal(s.groups[0].repeat, 3);
  assert_true(s.groups[0].steps[0].duration.value == 4 * SIM_S);
  assert_string_equal(s.groups[0].steps[0].label, "master moves");
  scn_free(&s);

  const char *laundry[] = {"resources.washer=2"};
  builtin_ok("laundry", laundry, 1, &s);
  assert_int_equal(s.resources[0].capacity, 2);
  assert_int_equal(s.resources[1].capacity, 1);
  scn_free(&s);
}

static void set_later_override_wins(void **state) {
  (void)state;
  scn_scenario s;
  const char *sets[] = {"tasks.board.count=48", "tasks.board.count=2"};
  builtin_ok("chess", sets, 2, &s);
  assert_int_equal(s.groups[0].count, 2);
  scn_free(&s);
}

static void set_adds_keys_the_format_allows(void **state) {
  (void)state;
  scn_scenario s;
  const char *sets[] = {"seed=42", "tasks.checklist.count=2", "tasks.load.repeat=2",
                        "tasks.load.steps.0.label=grab the washer", "description=A busy day"};
  builtin_ok("laundry", sets, 5, &s);
  assert_true(s.seed == 42);
  assert_int_equal(s.groups[0].count, 2);
  assert_int_equal(s.groups[1].repeat, 2);
  assert_string_equal(s.groups[1].steps[0].label, "grab the washer");
  assert_string_equal(s.description, "A busy day");
  assert_int_equal(s.ntasks, 5);
  scn_free(&s);
}

static void set_value_is_literal_unless_yaml_quoted(void **state) {
  (void)state;
  scn_scenario s;
  const char *sets[] = {"name=Chess: the rematch #2"};
  builtin_ok("chess", sets, 1, &s);
  assert_string_equal(s.name, "Chess: the rematch #2");
  scn_free(&s);
  const char *quoted[] = {"name='[draft] chess'"};
  builtin_ok("chess", quoted, 1, &s);
  assert_string_equal(s.name, "[draft] chess");
  scn_free(&s);
}

static void set_flow_value_replaces_a_list(void **state) {
  (void)state;
  scn_scenario s;
  const char *sets[] = {"strategies=[sync, threads:gil=off,cores=4, {processes: {processes: 4}}]"};
  builtin_ok("chess", sets, 1, &s);
  assert_int_equal(s.nstrategies, 3);
  assert_string_equal(s.strategies[1].text, "threads:gil=off,cores=4");
  assert_string_equal(s.strategies[2].text, "processes:processes=4");
  assert_int_equal(s.strategies[2].loc.line, 0);
  assert_string_equal(s.strategies[2].where, "--set strategies=[sync, threads:gil=off,cores=4, "
                                             "{processes: {processes: 4}}]");
  scn_free(&s);
}

static void set_replaces_a_step(void **state) {
  (void)state;
  scn_scenario s;
  const char *sets[] = {"tasks.board.steps.1=yield", "tasks.board.steps.0={wait: 2s}"};
  builtin_ok("chess", sets, 2, &s);
  assert_int_equal(s.groups[0].steps[0].kind, SCN_STEP_WAIT);
  assert_int_equal(s.groups[0].steps[1].kind, SCN_STEP_YIELD);
  assert_int_equal(s.groups[0].steps[0].loc.line, 0); /* from --set, not the file */
  scn_free(&s);
}

static void set_path_matches_names_with_dots(void **state) {
  (void)state;
  scn_scenario s;
  const char *sets[] = {"tasks.load v2.0.count=4", "tasks.load.count=2", "resources.a.b=3"};
  load_ok("name: x\nresources: {a.b: 1}\ntasks:\n"
          "  - {name: load, steps: [yield]}\n"
          "  - {name: load v2.0, steps: [{acquire: a.b}, {release: a.b}]}\n",
          sets, 3, &s);
  assert_int_equal(s.groups[1].count, 4);
  assert_int_equal(s.groups[0].count, 2);
  assert_int_equal(s.resources[0].capacity, 3);
  scn_free(&s);
}

static void set_unknown_path_is_an_error(void **state) {
  (void)state;
  const char *a[] = {"tasks.board.foo=1"};
  builtin_fails("chess", a, 1, "--set tasks.board.foo=1: error: no 'foo' in 'tasks.board'");
  const char *b[] = {"foo=1"};
  builtin_fails("chess", b, 1, "--set foo=1: error: no 'foo' at the top level");
  const char *c[] = {"tasks.bord.count=2"};
  builtin_fails("chess", c, 1,
                "--set tasks.bord.count=2: error: no 'bord' in 'tasks' (expected a name or an "
                "index from 0 to 0)");
  const char *d[] = {"tasks.1.count=2"};
  builtin_fails("chess", d, 1,
                "--set tasks.1.count=2: error: no '1' in 'tasks' (expected a name or an index "
                "from 0 to 0)");
  const char *e[] = {"name.first=x"};
  builtin_fails("chess", e, 1,
                "--set name.first=x: error: no 'first' in 'name': it is a single value, not a "
                "mapping or a list");
  const char *f[] = {"resources.gas=1"};
  builtin_fails("laundry", f, 1, "--set resources.gas=1: error: no 'gas' in 'resources'");
  const char *g[] = {"resources.washer=2"};
  builtin_fails("chess", g, 1, "--set resources.washer=2: error: no 'resources' at the top level");
}

static void set_malformed_override_is_an_error(void **state) {
  (void)state;
  const char *a[] = {"tasks.board.count"};
  builtin_fails("chess", a, 1,
                "--set tasks.board.count: error: expected KEY=VALUE, such as tasks.board.count=48");
  const char *b[] = {"=3"};
  builtin_fails("chess", b, 1, "--set =3: error: empty name in the key path ''");
  const char *c[] = {"tasks..count=3"};
  builtin_fails("chess", c, 1,
                "--set tasks..count=3: error: empty name in the key path 'tasks..count'");
  const char *d[] = {"strategies=[sync"};
  builtin_fails("chess", d, 1,
                "--set strategies=[sync: error: at the end of the value: did not find expected "
                "',' or ']' (while parsing a flow sequence at line 1, column 1)");
  const char *e[] = {"strategies=[a: b: c]"};
  builtin_fails("chess", e, 1,
                "--set strategies=[a: b: c]: error: in the value, column 6: did not find "
                "expected ',' or ']' (while parsing a flow sequence at line 1, column 1)");
}

static void set_bad_value_names_the_override(void **state) {
  (void)state;
  const char *a[] = {"tasks.board.count=abc"};
  builtin_fails("chess", a, 1,
                "--set tasks.board.count=abc: error: 'count' must be a whole number >= 1, got "
                "'abc'");
  const char *b[] = {"tasks.board.steps.0.cpu=-4s"};
  builtin_fails("chess", b, 1,
                "--set tasks.board.steps.0.cpu=-4s: error: bad duration '-4s' for 'cpu': negative "
                "duration");
  const char *c[] = {"resources.washer=0"};
  builtin_fails("laundry", c, 1,
                "--set resources.washer=0: error: the capacity of 'washer' must be a whole number "
                ">= 1, got '0'");
  const char *d[] = {"tasks.board.count="};
  builtin_fails("chess", d, 1,
                "--set tasks.board.count=: error: 'count' must be a whole number >= 1, got "
                "nothing");
  const char *e[] = {"tasks.0.steps.1.label={a: 1}"};
  builtin_fails("chess", e, 1,
                "--set tasks.0.steps.1.label={a: 1}: error: 'label' must be text, got a mapping");
}

/* An override is checked like the file: one that breaks a rule elsewhere is
 * reported where the rule breaks. */
static void set_that_unbalances_resources_is_caught(void **state) {
  (void)state;
  const char *a[] = {"tasks.load.steps.8=yield"};
  builtin_fails("laundry", a, 1,
                "scenarios/laundry.yaml:33:18: error: task 'load' ends holding 'dryer' (acquired "
                "at line 33)");
  /* Step 0 now takes the dryer; the file's own acquire of it (step 3) is the one too many. */
  const char *b[] = {"tasks.load.steps.0.acquire=dryer"};
  builtin_fails("laundry", b, 1,
                "scenarios/laundry.yaml:33:18: error: task 'load' would hold 2 units of 'dryer', "
                "more than its capacity of 1: it would wait for itself forever");
  const char *c[] = {"tasks.load.steps.0.acquire=gas"};
  builtin_fails("laundry", c, 1,
                "--set tasks.load.steps.0.acquire=gas: error: undefined resource 'gas' (defined: "
                "washer, dryer)");
}

static void errors_start_with_the_name_given(void **state) {
  (void)state;
  load_fails("name: x\ntasks: [", NULL, 0,
             "test.yaml:3:1: error: did not find expected node content (while parsing a flow "
             "node at line 3, column 1)");
  load_fails("", NULL, 0,
             "test.yaml:1:1: error: the file is empty; a scenario needs at least 'name' and "
             "'tasks'");
  load_fails("name: x\ntasks: [{name: a, steps: [yield]}]\n", (const char *const[]){"x=1"}, 1,
             "--set x=1: error: no 'x' at the top level");
}

/* --- finding scenarios ---------------------------------------------------------------------- */

static void builtin_table_lists_shipped_scenarios(void **state) {
  (void)state;
  assert_true(scn_builtin_count() >= 2);
  assert_non_null(scn_builtin_find("chess"));
  assert_non_null(scn_builtin_find("laundry"));
  assert_null(scn_builtin_find("nope"));
  assert_null(scn_builtin_find("chess.yaml"));
  assert_null(scn_builtin_at(scn_builtin_count()));
  for (size_t i = 0; i < scn_builtin_count(); i++) {
    const scn_builtin *b = scn_builtin_at(i);
    assert_ptr_equal(scn_builtin_find(b->name), b);
    assert_int_equal(strlen(b->text), b->len);
  }
}

static void load_prefers_builtin_unless_it_looks_like_a_path(void **state) {
  (void)state;
  builtin_fails("chess.yaml", NULL, 0, "chess.yaml: error: cannot open: No such file or directory");
  builtin_fails("./chess", NULL, 0, "./chess: error: cannot open: No such file or directory");
  builtin_fails("chss", NULL, 0,
                "chss: error: cannot open: No such file or directory, and no built-in scenario "
                "has that name (built-in: blocking-call, chess, cpu-bound, laundry, rq-jobs, "
                "scraper, webpage, webserver)");
}

static void load_file_reports_missing_file(void **state) {
  (void)state;
  scn_scenario s;
  sim_error err = {0};
  assert_int_equal(scn_load_file("/nonexistent/x.yaml", NULL, 0, &s, &err), SIM_EINPUT);
  assert_string_equal(err.msg,
                      "/nonexistent/x.yaml: error: cannot open: No such file or directory");
  assert_int_equal(scn_load_file("/", NULL, 0, &s, &err), SIM_EINPUT);
  assert_string_equal(err.msg, "/: error: cannot read: Is a directory");
}

static void scn_free_tolerates_empty_and_twice(void **state) {
  (void)state;
  scn_scenario s;
  memset(&s, 0, sizeof s);
  scn_free(&s);
  scn_free(NULL);
  builtin_ok("laundry", NULL, 0, &s);
  scn_free(&s);
  scn_free(&s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(chess_is_the_spec_model),
      cmocka_unit_test(laundry_is_the_spec_model),
      cmocka_unit_test(builtins_match_their_files),
      cmocka_unit_test(strategy_refs_say_where),
      cmocka_unit_test(count_and_repeat_default_to_one),
      cmocka_unit_test(ntasks_sums_the_counts),
      cmocka_unit_test(seed_is_read),
      cmocka_unit_test(labels_are_optional),
      cmocka_unit_test(yield_has_four_spellings),
      cmocka_unit_test(durations_take_every_form),
      cmocka_unit_test(strategy_mappings_become_cli_text),
      cmocka_unit_test(strategy_flow_list_rejoins_parameters),
      cmocka_unit_test(locations_are_one_based),
      cmocka_unit_test(aliases_can_share_steps),
      cmocka_unit_test(nested_acquires_balance),
      cmocka_unit_test(text_is_read_only_up_to_len),
      cmocka_unit_test(limits_are_enforced_at_the_edge),
      cmocka_unit_test(task_names_number_instances),
      cmocka_unit_test(step_kind_names_are_the_keys_the_loader_reads),
      cmocka_unit_test(set_changes_count_resources_name),
      cmocka_unit_test(set_later_override_wins),
      cmocka_unit_test(set_adds_keys_the_format_allows),
      cmocka_unit_test(set_value_is_literal_unless_yaml_quoted),
      cmocka_unit_test(set_flow_value_replaces_a_list),
      cmocka_unit_test(set_replaces_a_step),
      cmocka_unit_test(set_path_matches_names_with_dots),
      cmocka_unit_test(set_unknown_path_is_an_error),
      cmocka_unit_test(set_malformed_override_is_an_error),
      cmocka_unit_test(set_bad_value_names_the_override),
      cmocka_unit_test(set_that_unbalances_resources_is_caught),
      cmocka_unit_test(errors_start_with_the_name_given),
      cmocka_unit_test(builtin_table_lists_shipped_scenarios),
      cmocka_unit_test(load_prefers_builtin_unless_it_looks_like_a_path),
      cmocka_unit_test(load_file_reports_missing_file),
      cmocka_unit_test(scn_free_tolerates_empty_and_twice),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
