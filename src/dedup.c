/*
 * dedup.c -- the same work listed twice (see dedup.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ascii.h"
#include "buf.h"
#include "dedup.h"
#include "entry.h"
#include "xmalloc.h"

struct slot {
	uint64_t	 hash;		/* 0: empty */
	unsigned long	 line;
};

struct dedup {
	struct slot	*v;
	size_t		 n, cap;	/* cap is a power of two */
	struct buf	 tmp;
};

struct dedup *
dedup_new(void)
{
	struct dedup *d = xcalloc(1, sizeof(*d));

	d->cap = 256;
	d->v = xcalloc(d->cap, sizeof(*d->v));
	return d;
}

void
dedup_free(struct dedup *d)
{
	if (d == NULL)
		return;
	buf_free(&d->tmp);
	free(d->v);
	free(d);
}

/* FNV-1a, never 0 (0 marks an empty slot). */
static uint64_t
dedup_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h != 0 ? h : 1;
}

static struct slot *
dedup_find(struct dedup *d, uint64_t h)
{
	size_t i = (size_t)h & (d->cap - 1);

	while (d->v[i].hash != 0 && d->v[i].hash != h)
		i = (i + 1) & (d->cap - 1);
	return &d->v[i];
}

static void
dedup_grow(struct dedup *d)
{
	struct slot *old = d->v;
	size_t i, cap = d->cap;

	d->cap *= 2;
	d->v = xcalloc(d->cap, sizeof(*d->v));
	for (i = 0; i < cap; i++)
		if (old[i].hash != 0)
			*dedup_find(d, old[i].hash) = old[i];
	free(old);
}

unsigned long
dedup_check(struct dedup *d, const struct entry *e)
{
	struct slot *s;
	uint64_t h;

	if (e->f[FIELD_TITLE] == NULL)
		return 0;
	buf_reset(&d->tmp);
	if (e->authors.n > 0 && e->authors.v[0].family != NULL)
		ascii_fold(e->authors.v[0].family, &d->tmp);
	buf_putc(&d->tmp, '|');
	ascii_fold(e->f[FIELD_TITLE], &d->tmp);
	/* Patents (and reports) that share a title differ by number. */
	if (e->f[FIELD_NUMBER] != NULL) {
		buf_putc(&d->tmp, '|');
		ascii_fold(e->f[FIELD_NUMBER], &d->tmp);
	}
	if (d->tmp.len < 4)	/* too little to tell works apart */
		return 0;
	h = dedup_hash(d->tmp.s, d->tmp.len);
	s = dedup_find(d, h);
	if (s->hash == h)
		return s->line;
	s->hash = h;
	s->line = e->line;
	if (++d->n * 2 > d->cap)
		dedup_grow(d);
	return 0;
}
