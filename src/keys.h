/*
 * keys.h -- citation keys: familyYEARword, ASCII, unique in a run.
 *
 * "farshin2021packetmill"; a key already given gets "a", "b", ... in the
 * order the entries come.  A struct keys remembers the keys given so far
 * (a few bytes per entry).
 */
#ifndef CV2BIB_KEYS_H
#define CV2BIB_KEYS_H

struct buf;
struct entry;
struct keys;

struct keys	*keys_new(void);
void		 keys_free(struct keys *);
/* Set e->key (replacing any). */
void		 keys_assign(struct keys *, struct entry *);
/* The key before de-duplication; caller frees.  For the unit tests. */
char		*keys_base(const struct entry *);
/*
 * keys_assign() in two steps, so that the first, which needs no other
 * entry, is done on any thread: keys_base_buf() appends the base key to
 * b; keys_give() returns the key for that base (valid until the next
 * call) and remembers it.
 */
void		 keys_base_buf(const struct entry *, struct buf *b);
const char	*keys_give(struct keys *, const char *base);

#endif
