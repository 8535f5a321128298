/* sim_alloc.h - where the engine's memory comes from.
 *
 * Every allocation sim/ makes - the loaded scenario, a parsed strategy, a
 * run's result, the engine's working state - goes through one function that
 * the program may replace, as SQLite (sqlite3_config) and Lua (lua_Alloc)
 * allow: to cap memory, to count it, or for a test to fail the n-th
 * allocation and check that every out-of-memory path reports "out of memory"
 * and leaks nothing (tests/unit/test_oom.c). Memory a caller stores in a
 * result or scenario that sim/ later frees (sim_result_free, scn_free) must
 * come from sim_malloc too.
 *
 * The function is process-wide: set it before any load or run, not while
 * one is under way on another thread. libyaml's own buffers are not under
 * it (libyaml has no allocator hook); the tree the loader builds from them is.
 */
#ifndef SIM_ALLOC_H
#define SIM_ALLOC_H

#include <stddef.h>

/* Lua's contract in one function: size 0 frees `ptr` (NULL is fine) and
 * returns NULL; otherwise it returns `ptr` resized to `size` bytes (a new
 * block when ptr is NULL), or NULL with `ptr` untouched when there is no
 * memory. */
typedef void *(*sim_alloc_fn)(void *ud, void *ptr, size_t size);

/* Installs `fn` with its user data; NULL restores the C library's. */
void sim_set_allocator(sim_alloc_fn fn, void *ud);

void *sim_malloc(size_t size);                /* NULL on failure; size 0 gives a valid block */
void *sim_calloc(size_t n, size_t size);      /* zeroed; NULL also when n x size overflows */
void *sim_realloc(void *ptr, size_t size);    /* NULL on failure, ptr untouched */
void sim_free(void *ptr);                     /* NULL is fine */
char *sim_strndup(const char *s, size_t len); /* len bytes of s and a NUL */

#endif
