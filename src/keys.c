/*
 * keys.c -- citation keys (see keys.h).
 *
 * A key depends only on the entry itself (first family name, year, first
 * significant word of the title), so it stays the same when other entries
 * of the CV change; only a collision adds a letter, in input order.
 *
 * The keys given so far live in one string pool, indexed by an
 * open-addressing hash table of 16-byte slots; the slot of a base key also
 * remembers which suffix to try next, so a thousand entries with the same
 * base cost a thousand probes, not half a million.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "buf.h"
#include "entry.h"
#include "keys.h"
#include "xmalloc.h"

#define KEYS_WORD_MAX	20	/* characters of the title word */
#define KEYS_CAP_MIN	256	/* slots, a power of two */

struct keys_slot {
	size_t		 off;	/* key in the pool; 0: empty */
	uint32_t	 hash;
	uint32_t	 next;	/* next suffix to try on this base */
};

struct keys {
	struct keys_slot *v;
	size_t		  n, cap;	/* cap is a power of two */
	struct buf	  pool;		/* the keys; [0] unused */
	struct buf	  tmp;
};

/*
 * Words that say nothing about a title (compared folded).  Keep them in
 * strcmp order: keys_is_stopword() searches them by halves.
 */
static const char *const keys_stopwords[] = {
	"a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does",
	"etc", "for", "from", "how", "in", "into", "is", "it", "its", "of",
	"on", "or", "our", "over", "the", "to", "toward", "towards", "using",
	"via", "vs", "we", "what", "when", "where", "which", "who", "why",
	"with",
};

struct keys *
keys_new(void)
{
	struct keys *k = xcalloc(1, sizeof(*k));

	k->cap = KEYS_CAP_MIN;
	k->v = xcalloc(k->cap, sizeof(*k->v));
	buf_putc(&k->pool, '\0');	/* offset 0 means "empty" */
	return k;
}

void
keys_free(struct keys *k)
{
	if (k == NULL)
		return;
	free(k->v);
	buf_free(&k->pool);
	buf_free(&k->tmp);
	free(k);
}

/* FNV-1a, 32 bits. */
static uint32_t
keys_hash(const char *s)
{
	uint32_t h = 2166136261U;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 16777619U;
	}
	return h;
}

/* The slot holding s, or the empty slot where s would go. */
static struct keys_slot *
keys_find(struct keys *k, const char *s, uint32_t h)
{
	size_t i = h & (k->cap - 1);

	while (k->v[i].off != 0 && (k->v[i].hash != h ||
	    strcmp(k->pool.s + k->v[i].off, s) != 0))
		i = (i + 1) & (k->cap - 1);
	return &k->v[i];
}

/* Double the table and put every key back. */
static void
keys_grow(struct keys *k)
{
	struct keys_slot *old = k->v;
	size_t i, cap = k->cap;

	k->cap *= 2;
	k->v = xcalloc(k->cap, sizeof(*k->v));
	for (i = 0; i < cap; i++)
		if (old[i].off != 0)
			*keys_find(k, k->pool.s + old[i].off, old[i].hash) =
			    old[i];
	free(old);
}

/* Remember s, known to be absent. */
static void
keys_add(struct keys *k, const char *s)
{
	uint32_t h = keys_hash(s);
	struct keys_slot *slot = keys_find(k, s, h);

	slot->off = k->pool.len;
	slot->hash = h;
	slot->next = 0;
	buf_append(&k->pool, s, strlen(s) + 1);
	if (++k->n * 2 > k->cap)
		keys_grow(k);
}

static int
keys_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether w is a stopword: a binary search, the list being sorted. */
static int
keys_is_stopword(const char *w)
{
	return bsearch(&w, keys_stopwords, sizeof(keys_stopwords) /
	    sizeof(keys_stopwords[0]), sizeof(keys_stopwords[0]),
	    keys_cmp) != NULL;
}

static int
keys_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/*
 * Append the first significant word of title, folded: not a stopword, and
 * not all digits (a number next to the year reads as part of it).
 */
static void
keys_title_word(const char *title, struct buf *b)
{
	struct buf w = BUF_INIT;
	const char *p = title, *end;

	while (*p != '\0') {
		while (keys_is_space(*p))
			p++;
		for (end = p; *end != '\0' && !keys_is_space(*end); end++)
			continue;
		buf_reset(&w);
		ascii_foldn(p, (size_t)(end - p), &w);
		if (w.len > 0 && !keys_is_stopword(w.s) &&
		    strspn(w.s, "0123456789") < w.len) {
			buf_append(b, w.s, w.len < KEYS_WORD_MAX ? w.len :
			    KEYS_WORD_MAX);
			break;
		}
		p = end;
	}
	buf_free(&w);
}

/*
 * The first author's (or, failing authors, editor's) family name without
 * its particle; a family with no Latin letters (CJK) falls back on the
 * given name, then on "anon".
 */
static void
keys_name(const struct entry *e, struct buf *b, size_t start)
{
	const struct namelist *nl = e->authors.n > 0 ? &e->authors :
	    &e->editors;

	if (nl->n > 0) {
		if (nl->v[0].family != NULL)
			ascii_fold(nl->v[0].family, b);
		if (b->len == start && nl->v[0].given != NULL)
			ascii_fold(nl->v[0].given, b);
	}
	if (b->len == start)
		buf_puts(b, "anon");
}

void
keys_base_buf(const struct entry *e, struct buf *b)
{
	size_t start = b->len;

	keys_name(e, b, start);
	if (e->f[FIELD_YEAR] != NULL)
		ascii_fold(e->f[FIELD_YEAR], b);
	if (e->f[FIELD_TITLE] != NULL)
		keys_title_word(e->f[FIELD_TITLE], b);
}

char *
keys_base(const struct entry *e)
{
	struct buf b = BUF_INIT;

	keys_base_buf(e, &b);
	return buf_take(&b);
}

/* Append suffix n: 0 -> "a", 25 -> "z", 26 -> "aa", 27 -> "ab", ... */
static void
keys_suffix(size_t n, struct buf *b)
{
	char s[16];
	size_t i = sizeof(s) - 1;

	s[i] = '\0';
	n++;
	while (n > 0 && i > 0) {
		n--;
		s[--i] = (char)('a' + n % 26);
		n /= 26;
	}
	buf_puts(b, s + i);
}

/*
 * The first free key among base, base+"a", base+"b", ..., remembered: base
 * itself or k->tmp.  Keys are never forgotten, so every suffix below the
 * base's "next" is still taken and the search may start there.
 */
const char *
keys_give(struct keys *k, const char *base)
{
	uint32_t h = keys_hash(base);
	struct keys_slot *slot = keys_find(k, base, h);
	uint32_t n;

	if (slot->off == 0) {
		keys_add(k, base);
		return base;
	}
	for (n = slot->next;; n++) {
		buf_reset(&k->tmp);
		buf_puts(&k->tmp, base);
		keys_suffix(n, &k->tmp);
		if (keys_find(k, k->tmp.s, keys_hash(k->tmp.s))->off == 0)
			break;
	}
	keys_add(k, k->tmp.s);
	/* Look the base up again: adding may have moved the table. */
	keys_find(k, base, h)->next = n + 1;
	return k->tmp.s;
}

void
keys_assign(struct keys *k, struct entry *e)
{
	char *base = keys_base(e);
	const char *key = keys_give(k, base);

	free(e->key);
	if (key == base)
		e->key = base;
	else {
		e->key = xstrdup(key);
		free(base);
	}
}
