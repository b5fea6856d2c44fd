/*
 * out_csl.c -- CSL-JSON through jansson (see out_csl.h).
 *
 * Items follow the CSL 1.0.2 data schema.  Each is built as jansson
 * values (csl_item()) and written by a walk of them here, in the text
 * jansson's dump would give (out_csl_emit(), and why there).  The array
 * is written batch by batch, so nothing but the current item and the
 * batch's text is held in memory.  Keys come out in one fixed order (the
 * order they are set in below).
 */
#include "config.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "entry.h"
#include "out_csl.h"
#include "utf8.h"
#include "xmalloc.h"

#define CSL_DUMP_FLAGS	(JSON_INDENT(2) | JSON_PRESERVE_ORDER)

#define CSL_ITEM_SHAPES	64	/* item objects kept, a power of two */
#define CSL_NAME_SHAPES	32	/* one bit per name part */
#define CSL_MEMBERS_MAX	32	/* one bit per item member */

/* An item's members, by the bit that says each is there (its shape). */
enum {
	CSL_ID, CSL_TYPE, CSL_AUTHOR, CSL_EDITOR, CSL_ISSUED, CSL_VERSION,
	CSL_VARS	/* csl_vars[i] is bit CSL_VARS + i */
};

/* A name's members, likewise. */
enum {
	CSL_LITERAL, CSL_FAMILY, CSL_GIVEN, CSL_PARTICLE, CSL_SUFFIX
};

/*
 * The members of an object to be made, in order: a string's text, or a
 * container of the shell's.  Its shape has a bit for each member there;
 * the members of a shape always come in one order, so two objects of one
 * shape have the same keys in the same order.
 */
struct csl_members {
	struct {
		const char	*key;
		const char	*s;	/* valid UTF-8 */
		size_t		 len;
		json_t		*v;	/* the shell's, or NULL: s */
	}		 m[CSL_MEMBERS_MAX];
	size_t		 n;
	uint32_t	 shape;
};

/*
 * Name objects of one shape, reused item after item: v[0..used) are in
 * the item being built.  One left over from an earlier item may still
 * sit in a name list not yet emptied; the pool's own reference keeps it
 * alive.
 */
struct csl_pool {
	json_t		**v;
	size_t		  n, cap, used;
};

/*
 * The values of an item, kept from one item to the next: allocating and
 * freeing each item's dozens of objects, arrays and strings cost more
 * than building them, and so did emptying an object and setting its
 * keys again (jansson allocates a key with each).  An object is kept for
 * each shape (struct csl_members) met: the items of a CV have a few
 * dozen shapes, their names a handful.  An object of the shape wanted
 * takes the new text into its strings; only text that differs is copied
 * (json_string_setn_nocheck() allocates).  An item's containers (names,
 * date) are the shell's own, emptied and filled again.
 */
struct csl_shell {
	struct {
		uint32_t	 shape;
		json_t		*obj;	/* NULL: none yet */
	}		 items[CSL_ITEM_SHAPES];	/* by hash of shape */
	json_t		*names[2];	/* "author", "editor" */
	struct csl_pool	 name[CSL_NAME_SHAPES];	/* by shape */
	json_t		*issued;	/* {"date-parts": [parts]} */
	json_t		*parts;
};

/* What one thread needs to make items (out_csl.h). */
struct out_csl_prep {
	struct csl_shell shell;
};

struct out_csl {
	FILE		*fp;
	size_t		 items;		/* written so far */
	struct buf	 out;		/* a batch's text, reused */
	struct buf	 item;		/* out_csl_write()'s item, reused */
	struct out_csl_prep prep;	/* out_csl_write()'s */
};

/*
 * The CSL type of each entry type, and a genre where the type alone would
 * lose what the entry is.  A poster is a "speech": CSL 1.0.2 defines that
 * type as "a speech or other presentation (e.g. a paper, talk, poster, or
 * symposium at a conference)", and citeproc renders it as one (APA
 * "Title [Poster]. Venue", Chicago "Poster presented at ..."), whereas a
 * paper-conference with a genre reads as a paper in proceedings and APA
 * drops the genre.  A preprint is an "article" (CSL's type for preprints);
 * its genre makes APA print "(Preprint No. arXiv:...)".  A workshop paper
 * needs no genre: its venue says "Workshop".
 */
static const struct {
	const char	*type;
	const char	*genre;
} csl_types[TYPE__COUNT] = {
	[TYPE_UNKNOWN] = { "document", NULL },
	[TYPE_ARTICLE] = { "article-journal", NULL },
	[TYPE_MAGAZINE] = { "article-magazine", NULL },
	[TYPE_REVIEW] = { "review-book", NULL },
	[TYPE_CONFERENCE] = { "paper-conference", NULL },
	[TYPE_WORKSHOP] = { "paper-conference", NULL },
	[TYPE_ABSTRACT] = { "paper-conference", "Extended abstract" },
	[TYPE_POSTER] = { "speech", "Poster" },
	[TYPE_DEMO] = { "paper-conference", "Demo" },
	[TYPE_PREPRINT] = { "article", "Preprint" },
	[TYPE_REPORT] = { "report", NULL },
	[TYPE_THESIS] = { "thesis", NULL },
	[TYPE_BOOK] = { "book", NULL },
	[TYPE_EDITED_BOOK] = { "book", NULL },
	[TYPE_CHAPTER] = { "chapter", NULL },
	[TYPE_PATENT] = { "patent", NULL },
	[TYPE_TALK] = { "speech", NULL },
	[TYPE_SOFTWARE] = { "software", NULL },
	[TYPE_MISC] = { "document", NULL },
	[TYPE_NONE] = { "document", NULL },
};

/* Plain-text fields and their CSL variables, in output order. */
static const struct {
	enum field	 field;
	const char	*var;
} csl_vars[] = {
	{ FIELD_TITLE, "title" },
	{ FIELD_CONTAINER, "container-title" },
	{ FIELD_CONTAINER_SHORT, "container-title-short" },
	{ FIELD_COLLECTION, "collection-title" },
	{ FIELD_VOLUME, "volume" },
	{ FIELD_ISSUE, "issue" },
	{ FIELD_PAGES, "page" },
	{ FIELD_EDITION, "edition" },
	{ FIELD_PUBLISHER, "publisher" },
	{ FIELD_PLACE, "publisher-place" },
	{ FIELD_NUMBER, "number" },
	{ FIELD_GENRE, "genre" },
	{ FIELD_AUTHORITY, "authority" },
	{ FIELD_STATUS, "status" },
	{ FIELD_DOI, "DOI" },
	{ FIELD_URL, "URL" },
	{ FIELD_ISBN, "ISBN" },
	{ FIELD_NOTE, "note" },
};

/* The values an entry gives its CSL variables, after the type's rules. */
struct csl_values {
	const char	*v[FIELD__COUNT];
	char		*number;	/* "arXiv:ID", owned */
	char		*note;		/* "note; arXiv:ID", owned */
};

/*
 * jansson allocates through xmalloc, so an object or a dump is never NULL
 * for want of memory and this module has no out-of-memory path of its own.
 * Its hash seed is fixed: the keys hashed are this file's literals, never
 * the input's, and a seed of 0 would read /dev/urandom at the first
 * object.  Both must be set before any value exists, on one thread: the
 * writer is opened before the threads start (run.c).
 */
static void
csl_init(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	json_set_alloc_funcs(xmalloc, free);
	json_object_seed(0x6376326269620001);	/* anything but 0 */
}

static void
csl_pool_free(struct csl_pool *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		json_decref(p->v[i]);
	free(p->v);
}

/* The next object of the pool, and whether it is new. */
static json_t *
csl_pool_next(struct csl_pool *p, int *fresh)
{
	if ((*fresh = p->used == p->n)) {
		if (p->n == p->cap) {
			p->cap = p->cap != 0 ? p->cap * 2 : 16;
			p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
		}
		p->v[p->n++] = json_object();
	}
	return p->v[p->used++];
}

static void
csl_shell_init(struct csl_shell *sh)
{
	json_t *outer = json_array();

	memset(sh, 0, sizeof(*sh));
	sh->names[0] = json_array();
	sh->names[1] = json_array();
	sh->parts = json_array();
	json_array_append(outer, sh->parts);
	sh->issued = json_object();
	json_object_set_new_nocheck(sh->issued, "date-parts", outer);
}

static void
csl_shell_free(struct csl_shell *sh)
{
	size_t i;

	for (i = 0; i < CSL_ITEM_SHAPES; i++)
		json_decref(sh->items[i].obj);
	json_decref(sh->names[0]);
	json_decref(sh->names[1]);
	for (i = 0; i < CSL_NAME_SHAPES; i++)
		csl_pool_free(&sh->name[i]);
	json_decref(sh->issued);
	json_decref(sh->parts);
}

/*
 * Give obj the members: set them into it if it is new (or emptied), else
 * (it has their shape) put their text into its strings.
 */
static void
csl_fill(json_t *obj, const struct csl_members *ms, int fresh)
{
	json_t *v;
	void *it;
	size_t i;

	if (fresh) {
		for (i = 0; i < ms->n; i++)
			json_object_set_new_nocheck(obj, ms->m[i].key,
			    ms->m[i].v != NULL ? json_incref(ms->m[i].v) :
			    json_stringn_nocheck(ms->m[i].s, ms->m[i].len));
		return;
	}
	it = json_object_iter(obj);
	for (i = 0; i < ms->n; i++, it = json_object_iter_next(obj, it)) {
		if (ms->m[i].v != NULL)
			continue;	/* the shell's, there already */
		v = json_object_iter_value(it);
		if (json_string_length(v) != ms->m[i].len ||
		    memcmp(json_string_value(v), ms->m[i].s,
		    ms->m[i].len) != 0)
			json_string_setn_nocheck(v, ms->m[i].s, ms->m[i].len);
	}
}

/* Add a container of the shell's as member bit. */
static void
csl_add_value(struct csl_members *ms, unsigned bit, const char *key,
    json_t *v)
{
	ms->m[ms->n].key = key;
	ms->m[ms->n].v = v;
	ms->n++;
	ms->shape |= 1U << bit;
}

/*
 * Add value as member bit unless it is NULL or empty; warn if not UTF-8.
 * Values are checked here, by the faster utf8_valid_prefix(), and handed
 * over with their length, so that jansson neither checks nor measures
 * them again.
 */
static void
csl_add_str(struct csl_members *ms, const struct entry *e, unsigned bit,
    const char *key, const char *value)
{
	size_t len;

	if (value == NULL || *value == '\0')
		return;
	len = strlen(value);
	if (utf8_valid_prefix(value, len) != len) {
		/* The reader validates UTF-8; this is a bug upstream. */
		diag_at(DIAG_WARNING, e->file, e->line, "CSL-JSON: %s is not "
		    "valid UTF-8; left out", key);
		return;
	}
	ms->m[ms->n].key = key;
	ms->m[ms->n].s = value;
	ms->m[ms->n].len = len;
	ms->m[ms->n].v = NULL;
	ms->n++;
	ms->shape |= 1U << bit;
}

struct out_csl *
out_csl_open(FILE *fp)
{
	struct out_csl *o;

	csl_init();
	o = xcalloc(1, sizeof(*o));
	o->fp = fp;
	csl_shell_init(&o->prep.shell);
	return o;
}

struct out_csl_prep *
out_csl_prep_new(void)
{
	struct out_csl_prep *p;

	csl_init();
	p = xcalloc(1, sizeof(*p));
	csl_shell_init(&p->shell);
	return p;
}

void
out_csl_prep_free(struct out_csl_prep *p)
{
	if (p == NULL)
		return;
	csl_shell_free(&p->shell);
	free(p);
}

/*
 * One name, or NULL if it has no part: literal for an organisation, else
 * its parts.
 */
static json_t *
csl_name(struct csl_shell *sh, const struct entry *e, const struct name *n)
{
	struct csl_members ms;
	json_t *o;
	int fresh;

	ms.n = 0;
	ms.shape = 0;
	if (n->flags & NAME_LITERAL)
		csl_add_str(&ms, e, CSL_LITERAL, "literal", n->family != NULL ?
		    n->family : n->given);
	else {
		csl_add_str(&ms, e, CSL_FAMILY, "family", n->family);
		csl_add_str(&ms, e, CSL_GIVEN, "given", n->given);
		csl_add_str(&ms, e, CSL_PARTICLE, "non-dropping-particle",
		    n->particle);
		csl_add_str(&ms, e, CSL_SUFFIX, "suffix", n->suffix);
	}
	if (ms.n == 0)
		return NULL;
	o = csl_pool_next(&sh->name[ms.shape], &fresh);
	csl_fill(o, &ms, fresh);
	return o;
}

/*
 * A name list, or NULL when no name has any part.  "et al." has no CSL
 * form, so the list holds the names the CV gives and nothing more.
 */
static json_t *
csl_names(struct csl_shell *sh, json_t *arr, const struct entry *e,
    const struct namelist *nl)
{
	json_t *o;
	size_t i;

	json_array_clear(arr);
	for (i = 0; i < nl->n; i++)
		if ((o = csl_name(sh, e, &nl->v[i])) != NULL)
			json_array_append(arr, o);
	return json_array_size(arr) != 0 ? arr : NULL;
}

/* A whole decimal number in [lo, hi], or 0. */
static long
csl_number(const char *s, long lo, long hi)
{
	char *end;
	long n;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	n = strtol(s, &end, 10);
	return *end == '\0' && n >= lo && n <= hi ? n : 0;
}

/* {"date-parts": [[year, month?, day?]]}; NULL if the year is no number. */
static json_t *
csl_date(struct csl_shell *sh, const struct entry *e)
{
	json_t *parts = sh->parts;
	long y, m, d;

	if ((y = csl_number(e->f[FIELD_YEAR], 1, 9999)) == 0)
		return NULL;
	json_array_clear(parts);
	json_array_append_new(parts, json_integer(y));
	if ((m = csl_number(e->f[FIELD_MONTH], 1, 12)) != 0) {
		json_array_append_new(parts, json_integer(m));
		if ((d = csl_number(e->f[FIELD_DAY], 1, 31)) != 0)
			json_array_append_new(parts, json_integer(d));
	}
	return sh->issued;
}

/*
 * The value of each field as CSL sees it.  Where CSL has no variable of
 * its own: a report's institution and a thesis's school are its
 * publisher; a preprint's arXiv identifier is its number ("arXiv:ID") and
 * arXiv its publisher (the repository, as Zotero writes preprints), so a
 * container "arXiv" goes; any other entry keeps its arXiv identifier in
 * the note.
 */
static void
csl_values(const struct entry *e, enum entry_type t, struct csl_values *cv)
{
	const char *arxiv = e->f[FIELD_ARXIV];

	memcpy(cv->v, e->f, sizeof(cv->v));
	cv->number = cv->note = NULL;
	if (cv->v[FIELD_GENRE] == NULL)
		cv->v[FIELD_GENRE] = csl_types[t].genre;
	if (cv->v[FIELD_PUBLISHER] == NULL)
		cv->v[FIELD_PUBLISHER] = e->f[FIELD_INSTITUTION];
	if (arxiv == NULL || *arxiv == '\0')
		return;
	if (t != TYPE_PREPRINT) {
		if (cv->v[FIELD_NOTE] != NULL)
			xasprintf(&cv->note, "%s; arXiv:%s", cv->v[FIELD_NOTE],
			    arxiv);
		else
			xasprintf(&cv->note, "arXiv:%s", arxiv);
		cv->v[FIELD_NOTE] = cv->note;
		return;
	}
	if (cv->v[FIELD_NUMBER] == NULL) {
		xasprintf(&cv->number, "arXiv:%s", arxiv);
		cv->v[FIELD_NUMBER] = cv->number;
	}
	if (cv->v[FIELD_PUBLISHER] == NULL)
		cv->v[FIELD_PUBLISHER] = "arXiv";
	if (cv->v[FIELD_CONTAINER] != NULL &&
	    strcasecmp(cv->v[FIELD_CONTAINER], "arXiv") == 0 &&
	    strcasecmp(cv->v[FIELD_PUBLISHER], "arXiv") == 0)
		cv->v[FIELD_CONTAINER] = NULL;
}

/*
 * One entry as a CSL item, built in sh (borrowed: valid until the next);
 * with its id first unless id is NULL.  The schema requires an id; the
 * keys stage always gives one, in ASCII (keys.h).
 */
static json_t *
csl_item(struct csl_shell *sh, const struct entry *e, const char *id)
{
	enum entry_type t = e->type < TYPE__COUNT ? e->type : TYPE_MISC;
	struct csl_members ms;
	struct csl_values cv;
	json_t *j, **obj;
	size_t i;
	int fresh;

	ms.n = 0;
	ms.shape = 0;
	for (i = 0; i < CSL_NAME_SHAPES; i++)
		sh->name[i].used = 0;
	if (id != NULL) {
		ms.m[0].key = "id";
		ms.m[0].s = id;
		ms.m[0].len = strlen(id);
		ms.m[0].v = NULL;
		ms.n = 1;
		ms.shape = 1U << CSL_ID;
	}
	csl_add_str(&ms, e, CSL_TYPE, "type", csl_types[t].type);
	if ((j = csl_names(sh, sh->names[0], e, &e->authors)) != NULL)
		csl_add_value(&ms, CSL_AUTHOR, "author", j);
	if ((j = csl_names(sh, sh->names[1], e, &e->editors)) != NULL)
		csl_add_value(&ms, CSL_EDITOR, "editor", j);
	if ((j = csl_date(sh, e)) != NULL)
		csl_add_value(&ms, CSL_ISSUED, "issued", j);
	csl_values(e, t, &cv);
	for (i = 0; i < sizeof(csl_vars) / sizeof(csl_vars[0]); i++) {
		if (csl_vars[i].field == FIELD_EDITION && t == TYPE_SOFTWARE)
			/* Software has versions. */
			csl_add_str(&ms, e, CSL_VERSION, "version",
			    cv.v[FIELD_EDITION]);
		else
			csl_add_str(&ms, e, CSL_VARS + (unsigned)i,
			    csl_vars[i].var, cv.v[csl_vars[i].field]);
	}
	i = (ms.shape * 2654435761U) >> 26 & (CSL_ITEM_SHAPES - 1);
	obj = &sh->items[i].obj;
	if ((fresh = *obj == NULL || sh->items[i].shape != ms.shape)) {
		if (*obj == NULL)
			*obj = json_object();
		else
			json_object_clear(*obj);
		sh->items[i].shape = ms.shape;
	}
	csl_fill(*obj, &ms, fresh);
	free(cv.number);
	free(cv.note);
	return *obj;
}

char *
out_csl_item(const struct entry *e)
{
	struct csl_shell sh;
	char *s;

	csl_init();
	csl_shell_init(&sh);
	s = json_dumps(csl_item(&sh, e, e->key != NULL ? e->key : ""),
	    CSL_DUMP_FLAGS);
	csl_shell_free(&sh);
	return s;
}

/*
 * The text of an item is written here, not by json_dump_callback().
 * jansson stays the model (csl_item() builds json_t values) and the
 * encoder of every string that needs an escape; this walk only copies
 * what JSON writes as it is.  Measured with callgrind on 7,088 entries,
 * json_dump_callback() was 21% of all instructions (374 M of 1,780 M),
 * about 68 per byte of output: dump_string() decodes every code point
 * (utf8_iterate()), each object and array is checked for loops
 * (snprintf("%p") and a hash table), and each newline and indentation is
 * a call of its own; no flag turns any of that off.  This walk takes 62 M
 * (11 a byte; the run 1,458 M).  The text is exactly that of
 * json_dump_callback(item, CSL_DUMP_FLAGS), with one level of indentation
 * more (an item is a member of the top-level array); the unit tests
 * compare the two, on made-up values and on every expected item of the
 * golden and corpus cases.
 */

/* A dump callback: append to a struct buf. */
static int
csl_dump_to_buf(const char *s, size_t n, void *data)
{
	buf_append(data, s, n);
	return 0;
}

/* Append a scalar as jansson writes it; 0, or -1 if jansson failed. */
static int
csl_dump(const json_t *v, struct buf *b)
{
	return json_dump_callback(v, csl_dump_to_buf, b, JSON_ENCODE_ANY);
}

/*
 * Room for n bytes more and the NUL; the test is inline, since most of
 * the text is put a few bytes at a time.
 */
static inline void
csl_room(struct buf *b, size_t n)
{
	if (b->len + n >= b->cap)
		buf_grow(b, n);
}

/* Append n bytes, leaving the buf unterminated (out_csl_emit() ends it). */
static inline void
csl_put(struct buf *b, const char *s, size_t n)
{
	csl_room(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
}

/*
 * A newline and the indentation of depth (jansson's) plus one:
 * JSON_INDENT(2) for an item that is a member of an array.
 */
static void
csl_newline(struct buf *b, unsigned depth)
{
	static const char nl[] = "\n                                ";
	size_t n = 2 * ((size_t)depth + 1);

	csl_put(b, nl, 1);
	for (; n > sizeof(nl) - 2; n -= sizeof(nl) - 2)
		csl_put(b, nl + 1, sizeof(nl) - 2);
	csl_put(b, nl + 1, n);
}

#define CSL_ONES	UINT64_C(0x0101010101010101)
#define CSL_HIGHS	UINT64_C(0x8080808080808080)

/*
 * Whether JSON writes s as it is: no '"', '\\' or byte below 0x20, the
 * only characters jansson escapes without JSON_ENSURE_ASCII and
 * JSON_ESCAPE_SLASH (not '/', U+007F, U+2028 or U+2029: dump.c of 2.14).
 * s must be valid UTF-8 (csl_add_str() checks it; jansson's dump would
 * fail on it).  Eight bytes at a time, the last eight overlapping the
 * ones before: a byte of x is below 0x20 if (x - 0x20..) & ~x sets its
 * high bit, and is c if (y - 0x01..) & ~y does for y = x ^ c..; neither
 * misses a byte, and a borrow sets a later byte only after one that was
 * found.
 */
static inline int
csl_plain_word(const unsigned char *p)
{
	uint64_t x, q, bs;

	memcpy(&x, p, 8);
	q = x ^ (CSL_ONES * '"');
	bs = x ^ (CSL_ONES * '\\');
	return ((((x - CSL_ONES * 0x20) & ~x) | ((q - CSL_ONES) & ~q) |
	    ((bs - CSL_ONES) & ~bs)) & CSL_HIGHS) == 0;
}

static int
csl_plain(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;

	if (len < 8) {
		for (; p < end; p++)
			if (*p < 0x20 || *p == '"' || *p == '\\')
				return 0;
		return 1;
	}
	for (; end - p > 8; p += 8)
		if (!csl_plain_word(p))
			return 0;
	return csl_plain_word(end - 8);	/* the last 8, again in part */
}

/* A string; v is its json_t, or NULL (a key). */
static int
csl_emit_string(struct buf *b, const char *s, size_t len, const json_t *v)
{
	json_t *tmp;
	int rc;

	if (csl_plain(s, len)) {
		csl_room(b, len + 2);
		b->s[b->len] = '"';
		memcpy(b->s + b->len + 1, s, len);
		b->s[b->len + 1 + len] = '"';
		b->len += len + 2;
		return 0;
	}
	if (v != NULL)
		return csl_dump(v, b);
	tmp = json_stringn_nocheck(s, len);
	rc = csl_dump(tmp, b);
	json_decref(tmp);
	return rc;
}

/* An integer, as "%" JSON_INTEGER_FORMAT writes it. */
static void
csl_emit_integer(struct buf *b, json_int_t i)
{
	char d[3 * sizeof(i) + 1], *p = d + sizeof(d);
	unsigned long long u = i < 0 ? -(unsigned long long)i :
	    (unsigned long long)i;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (i < 0)
		*--p = '-';
	csl_put(b, p, (size_t)(d + sizeof(d) - p));
}

/*
 * v at jansson's depth.  Objects and arrays come out as
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER makes them (keys in the order
 * they were set; "{}" and "[]" when empty); any kind an item does not
 * hold goes through jansson.  An item is a tree that this module built,
 * so it has no loop to look for.
 */
static int
csl_emit_value(struct buf *b, const json_t *v, unsigned depth)
{
	void *it, *next;
	size_t i, n;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		if ((it = json_object_iter((json_t *)v)) == NULL) {
			csl_put(b, "{}", 2);
			return 0;
		}
		csl_put(b, "{", 1);
		csl_newline(b, depth + 1);
		for (; it != NULL; it = next) {
			next = json_object_iter_next((json_t *)v, it);
			if (csl_emit_string(b, json_object_iter_key(it),
			    json_object_iter_key_len(it), NULL) != 0)
				return -1;
			csl_put(b, ": ", 2);
			if (csl_emit_value(b, json_object_iter_value(it),
			    depth + 1) != 0)
				return -1;
			if (next != NULL)
				csl_put(b, ",", 1);
			csl_newline(b, next != NULL ? depth + 1 : depth);
		}
		csl_put(b, "}", 1);
		return 0;
	case JSON_ARRAY:
		if ((n = json_array_size(v)) == 0) {
			csl_put(b, "[]", 2);
			return 0;
		}
		csl_put(b, "[", 1);
		csl_newline(b, depth + 1);
		for (i = 0; i < n; i++) {
			if (csl_emit_value(b, json_array_get(v, i),
			    depth + 1) != 0)
				return -1;
			if (i + 1 < n)
				csl_put(b, ",", 1);
			csl_newline(b, i + 1 < n ? depth + 1 : depth);
		}
		csl_put(b, "]", 1);
		return 0;
	case JSON_STRING:
		return csl_emit_string(b, json_string_value(v),
		    json_string_length(v), v);
	case JSON_INTEGER:
		csl_emit_integer(b, json_integer_value(v));
		return 0;
	default:
		return csl_dump(v, b);
	}
}

int
out_csl_emit(const json_t *v, struct buf *b)
{
	int rc;

	rc = csl_emit_value(b, v, 0);
	buf_grow(b, 0);
	b->s[b->len] = '\0';
	return rc;
}

/*
 * The item is written without its id, which only the writing thread knows:
 * "{\n    \"type\": ...\n  }".  It always has a type, so the id goes in
 * after its brace as a member like the others.
 */
int
out_csl_prep(struct out_csl_prep *p, const struct entry *e, struct buf *b)
{
	return out_csl_emit(csl_item(&p->shell, e, NULL), b);
}

/*
 * The id goes in as jansson would write it.  A key is lower-case ASCII
 * letters and digits (keys.h), which JSON writes as they are; anything
 * else goes through jansson.
 */
int
out_csl_add(struct out_csl *o, const char *key, const char *text,
    size_t len)
{
	struct buf *b = &o->out;
	const char *p;
	json_t *s;
	int rc = 0;

	buf_puts(b, o->items++ == 0 ? "[\n  {\n    \"id\": " :
	    ",\n  {\n    \"id\": ");
	for (p = key; *p >= ' ' && *p <= '~' && *p != '"' && *p != '\\'; p++)
		continue;
	if (*p == '\0') {
		buf_putc(b, '"');
		buf_append(b, key, (size_t)(p - key));
		buf_putc(b, '"');
	} else {
		s = json_string_nocheck(key);
		rc = csl_dump(s, b);
		json_decref(s);
	}
	buf_putc(b, ',');
	buf_append(b, text + 1, len - 1);	/* after the brace */
	return rc;
}

/* Write the items added since the last flush, in one fwrite. */
int
out_csl_flush(struct out_csl *o)
{
	if (o->out.len > 0)
		fwrite(o->out.s, 1, o->out.len, o->fp);
	buf_reset(&o->out);
	return ferror(o->fp) ? -1 : 0;
}

/*
 * Each item is built in turn, in values reused from one to the next
 * (memory stays small and hot); the text of the items put goes out at the
 * next flush, in one fwrite.
 */
int
out_csl_put(struct out_csl *o, const struct entry *e)
{
	buf_reset(&o->item);
	if (out_csl_prep(&o->prep, e, &o->item) != 0)
		return -1;
	return out_csl_add(o, e->key != NULL ? e->key : "", o->item.s,
	    o->item.len);
}

int
out_csl_write(struct out_csl *o, struct entry *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (out_csl_put(o, v[i]) != 0)
			return -1;
	return out_csl_flush(o);
}

/* Close the array and flush; the FILE stays open (the caller's). */
int
out_csl_close(struct out_csl *o)
{
	int rc = 0;

	if (o == NULL)
		return 0;
	fputs(o->items == 0 ? "[]\n" : "\n]\n", o->fp);
	if (fflush(o->fp) != 0 || ferror(o->fp))
		rc = -1;
	buf_free(&o->out);
	buf_free(&o->item);
	csl_shell_free(&o->prep.shell);
	free(o);
	return rc;
}

const char *
out_csl_library_version(void)
{
	return JANSSON_VERSION;
}
