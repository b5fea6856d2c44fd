/*
 * dedup.c -- the same work listed twice (see dedup.h).
 *
 * Each entry leaves a fingerprint of its folded first family name, title
 * (and number) in an open-addressing table.  Entries with the same
 * fingerprint but years too far apart are different works, so one
 * fingerprint may fill several slots, all on one probe run; the earliest
 * (by sequence number) whose year fits is the answer.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "buf.h"
#include "dedup.h"
#include "entry.h"
#include "utf8.h"
#include "xmalloc.h"

#define DEDUP_CAP_MIN	256	/* slots, a power of two */
#define DEDUP_TITLE_MIN	4	/* bytes of folded title to go by */
#define DEDUP_SEP	'\x1f'	/* between the parts; folding drops it */

struct dedup_slot {
	uint64_t	 hash;		/* 0: empty */
	unsigned long	 line;
	int32_t		 year;		/* 0: unknown */
	uint32_t	 seq;		/* order of arrival */
};

struct dedup {
	struct dedup_slot *v;
	size_t		   n, cap;	/* cap is a power of two */
	struct buf	   tmp;
};

struct dedup *
dedup_new(void)
{
	struct dedup *d = xcalloc(1, sizeof(*d));

	d->cap = DEDUP_CAP_MIN;
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

/* Whether c is punctuation, a space, a mark or a format character. */
static int
dedup_is_noise(uint32_t c)
{
	return (c >= 0x80 && c <= 0xbf) ||	/* Latin-1 signs, NBSP */
	    c == 0xd7 || c == 0xf7 ||		/* × ÷ */
	    (c >= 0x300 && c <= 0x36f) ||	/* combining marks */
	    (c >= 0x2000 && c <= 0x206f) ||	/* general punctuation */
	    (c >= 0x2e00 && c <= 0x2e7f) ||	/* supplemental punct. */
	    (c >= 0x3000 && c <= 0x303f) ||	/* CJK punctuation */
	    (c >= 0xfe10 && c <= 0xfe1f) ||	/* vertical forms */
	    (c >= 0xfe30 && c <= 0xfe4f) ||	/* CJK compatibility */
	    c == 0xfeff ||			/* BOM */
	    (c >= 0xff01 && c <= 0xff65);	/* full-width punct. */
}

/* The lower case of a Greek or Cyrillic capital; c itself otherwise. */
static uint32_t
dedup_lower(uint32_t c)
{
	if ((c >= 0x391 && c <= 0x3a9) || (c >= 0x410 && c <= 0x42f))
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	return c;
}

/*
 * Append s folded for comparison: ASCII and Latin letters and digits as
 * lower-case ASCII ("Kostić" -> "kostic", "Straße" -> "strasse"), other
 * scripts kept (so that two Chinese titles do not both fold to nothing),
 * punctuation and spaces dropped.  No character folds to more bytes than
 * twice those it takes (see ascii_foldn()), so one grow serves and the
 * loop writes directly; ASCII, most of every CV, takes no call.
 */
static void
dedup_fold(const char *s, struct buf *b)
{
	const char *p = s;
	char *o;
	uint32_t c;

	buf_grow(b, 2 * strlen(s));
	o = b->s + b->len;
	while (*p != '\0') {
		if ((unsigned char)*p < 0x80) {
			if ((*o = ascii_alnum((unsigned char)*p++)) != '\0')
				o++;
			continue;
		}
		c = utf8_next(&p);
		if (c >= 0xc0 && c < 0x180)
			o += ascii_fold_char(c, o);
		else if (c >= 0xff10 && c <= 0xff5a)
			/* Full-width ASCII letters and digits. */
			o += ascii_fold_char(c - 0xfee0, o);
		else if (!dedup_is_noise(c))
			o += utf8_put(dedup_lower(c), o);
	}
	*o = '\0';
	b->len = (size_t)(o - b->s);
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

/* Put a slot in the first free place of its probe run. */
static void
dedup_put(struct dedup *d, const struct dedup_slot *s)
{
	size_t i = (size_t)s->hash & (d->cap - 1);

	while (d->v[i].hash != 0)
		i = (i + 1) & (d->cap - 1);
	d->v[i] = *s;
}

/* Double the table and put every slot back. */
static void
dedup_grow(struct dedup *d)
{
	struct dedup_slot *old = d->v;
	size_t i, cap = d->cap;

	d->cap *= 2;
	d->v = xcalloc(d->cap, sizeof(*d->v));
	for (i = 0; i < cap; i++)
		if (old[i].hash != 0)
			dedup_put(d, &old[i]);
	free(old);
}

/* The year as a number, 0 when there is none. */
static int32_t
dedup_year(const struct entry *e)
{
	const char *y = e->f[FIELD_YEAR];
	long n;

	if (y == NULL)
		return 0;
	n = strtol(y, NULL, 10);
	return n > 0 && n < 100000 ? (int32_t)n : 0;
}

/*
 * The fingerprint of e's first family name, title and (for patents and
 * reports) number, and of whether it is a talk, made in tmp; 0 when the
 * title is too short to go by.
 */
static uint64_t
dedup_fingerprint(const struct entry *e, struct buf *tmp)
{
	const struct namelist *nl = e->authors.n > 0 ? &e->authors :
	    &e->editors;
	size_t title;

	buf_reset(tmp);
	buf_putc(tmp, e->type == TYPE_TALK ? 't' : 'w');
	buf_putc(tmp, DEDUP_SEP);
	if (nl->n > 0 && nl->v[0].family != NULL)
		dedup_fold(nl->v[0].family, tmp);
	buf_putc(tmp, DEDUP_SEP);
	title = tmp->len;
	dedup_fold(e->f[FIELD_TITLE], tmp);
	if (tmp->len - title < DEDUP_TITLE_MIN)
		return 0;
	if ((e->type == TYPE_PATENT || e->type == TYPE_REPORT) &&
	    e->f[FIELD_NUMBER] != NULL) {
		buf_putc(tmp, DEDUP_SEP);
		dedup_fold(e->f[FIELD_NUMBER], tmp);
	}
	return dedup_hash(tmp->s, tmp->len);
}

void
dedup_print(const struct entry *e, struct buf *tmp, struct dedup_print *p)
{
	p->hash = e->f[FIELD_TITLE] != NULL ? dedup_fingerprint(e, tmp) : 0;
	p->year = p->hash != 0 ? dedup_year(e) : 0;
}

unsigned long
dedup_check_print(struct dedup *d, const struct dedup_print *p,
    unsigned long line)
{
	struct dedup_slot s;
	const struct dedup_slot *v, *found = NULL;
	size_t i;

	if ((s.hash = p->hash) == 0)
		return 0;
	s.line = line;
	s.year = p->year;
	s.seq = (uint32_t)d->n;
	for (i = (size_t)s.hash & (d->cap - 1); d->v[i].hash != 0;
	    i = (i + 1) & (d->cap - 1)) {
		v = &d->v[i];
		if (v->hash == s.hash && (s.year == 0 || v->year == 0 ||
		    abs(s.year - v->year) <= 1) &&
		    (found == NULL || v->seq < found->seq))
			found = v;
	}
	line = found != NULL ? found->line : 0;
	dedup_put(d, &s);
	if (++d->n * 2 > d->cap)
		dedup_grow(d);
	return line;
}

unsigned long
dedup_check(struct dedup *d, const struct entry *e)
{
	struct dedup_print p;

	dedup_print(e, &d->tmp, &p);
	return dedup_check_print(d, &p, e->line);
}
