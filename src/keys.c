/*
 * keys.c -- citation keys (see keys.h).
 *
 * A key depends only on the entry itself (first family name, year, first
 * significant word of the title), so it stays the same when other entries
 * of the CV change; only a collision adds a letter, in input order.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "buf.h"
#include "entry.h"
#include "keys.h"
#include "xmalloc.h"

#define KEY_WORD_MAX	20	/* characters of the title word */

struct keys {
	char	**v;		/* open addressing; NULL is empty */
	size_t	  n, cap;	/* cap is a power of two */
};

/* Words that say nothing about a title. */
static const char *const keys_stopwords[] = {
	"a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does",
	"for", "from", "how", "in", "into", "is", "it", "its", "of", "on",
	"or", "our", "over", "the", "to", "toward", "towards", "using",
	"via", "we", "what", "when", "where", "which", "who", "why", "with",
};

struct keys *
keys_new(void)
{
	struct keys *k = xcalloc(1, sizeof(*k));

	k->cap = 256;
	k->v = xcalloc(k->cap, sizeof(*k->v));
	return k;
}

void
keys_free(struct keys *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->cap; i++)
		free(k->v[i]);
	free(k->v);
	free(k);
}

static size_t
keys_hash(const char *s)
{
	size_t h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static char **
keys_slot(struct keys *k, const char *s)
{
	size_t i = keys_hash(s) & (k->cap - 1);

	while (k->v[i] != NULL && strcmp(k->v[i], s) != 0)
		i = (i + 1) & (k->cap - 1);
	return &k->v[i];
}

/* Remember s (taken over). */
static void
keys_add(struct keys *k, char *s)
{
	size_t i, cap = k->cap;
	char **old = k->v;

	*keys_slot(k, s) = s;
	if (++k->n * 2 <= k->cap)
		return;
	k->cap *= 2;
	k->v = xcalloc(k->cap, sizeof(*k->v));
	for (i = 0; i < cap; i++)
		if (old[i] != NULL)
			*keys_slot(k, old[i]) = old[i];
	free(old);
}

static int
keys_is_stopword(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof(keys_stopwords) / sizeof(keys_stopwords[0]); i++)
		if (strcmp(w, keys_stopwords[i]) == 0)
			return 1;
	return 0;
}

/* Append the first significant word of title, folded. */
static void
keys_title_word(const char *title, struct buf *b)
{
	struct buf w = BUF_INIT;
	const char *p = title, *e;

	while (*p != '\0') {
		char *word;

		while (*p == ' ')
			p++;
		for (e = p; *e != '\0' && *e != ' '; e++)
			continue;
		word = xstrndup(p, (size_t)(e - p));
		buf_reset(&w);
		ascii_fold(word, &w);
		free(word);
		if (w.len > 0 && !keys_is_stopword(w.s)) {
			buf_append(b, w.s, w.len < KEY_WORD_MAX ? w.len :
			    KEY_WORD_MAX);
			break;
		}
		p = e;
	}
	buf_free(&w);
}

char *
keys_base(const struct entry *e)
{
	struct buf b = BUF_INIT;
	const struct namelist *nl = e->authors.n > 0 ? &e->authors :
	    &e->editors;
	size_t i;

	for (i = 0; i < nl->n && b.len == 0; i++) {
		if (nl->v[i].family != NULL)
			ascii_fold(nl->v[i].family, &b);
		if (b.len == 0 && nl->v[i].given != NULL)
			ascii_fold(nl->v[i].given, &b);
		break;
	}
	if (b.len == 0)
		buf_puts(&b, "anon");
	if (e->f[FIELD_YEAR] != NULL)
		ascii_fold(e->f[FIELD_YEAR], &b);
	if (e->f[FIELD_TITLE] != NULL)
		keys_title_word(e->f[FIELD_TITLE], &b);
	return buf_take(&b);
}

/* Suffix n: 0 -> "a", 25 -> "z", 26 -> "aa", ... */
static void
keys_suffix(size_t n, struct buf *b)
{
	char s[16];
	int i = (int)sizeof(s) - 1;

	s[i] = '\0';
	n++;
	while (n > 0 && i > 0) {
		n--;
		s[--i] = (char)('a' + n % 26);
		n /= 26;
	}
	buf_puts(b, s + i);
}

void
keys_assign(struct keys *k, struct entry *e)
{
	char *base = keys_base(e);
	struct buf b = BUF_INIT;
	size_t n;

	if (*keys_slot(k, base) == NULL) {
		free(e->key);
		e->key = xstrdup(base);
		keys_add(k, base);
		return;
	}
	for (n = 0;; n++) {
		buf_reset(&b);
		buf_puts(&b, base);
		keys_suffix(n, &b);
		if (*keys_slot(k, b.s) == NULL)
			break;
	}
	free(base);
	free(e->key);
	e->key = xstrdup(b.s);
	keys_add(k, buf_take(&b));
}
