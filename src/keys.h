/*
 * keys.h -- citation keys: familyYEARword, ASCII, unique in a run.
 *
 * "farshin2021packetmill"; a key already given gets "a", "b", ... in the
 * order the entries come.  A struct keys remembers the keys given so far
 * (a few bytes per entry).
 */
#ifndef CV2BIB_KEYS_H
#define CV2BIB_KEYS_H

struct entry;
struct keys;

struct keys	*keys_new(void);
void		 keys_free(struct keys *);
/* Set e->key (replacing any). */
void		 keys_assign(struct keys *, struct entry *);
/* The key before de-duplication; caller frees.  For the unit tests. */
char		*keys_base(const struct entry *);

#endif
