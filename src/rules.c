/*
 * rules.c -- regular-expression rules kept in data/ (see rules.h).
 *
 * The only module that includes <pcre2.h>.  Rules are grouped by FIELD in
 * load order; each keeps its compiled patterns, and the set one match data
 * for all of them, so a match needs no allocation.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "needles.h"
#include "rules.h"
#include "utf8.h"
#include "xmalloc.h"

/* First pairs of needles kept in a rule (see rule_may_match()). */
#define RULES_QUICK	10

struct rule {
	pcre2_code		*re;		/* UTF + UCP: the meaning */
	pcre2_code		*ascii;		/* the same without UCP */
	int			 re_jit, ascii_jit;	/* JIT-compiled */
	pcre2_code		*last;		/* the one that matched last */
	int			 checked;	/* its replacement was checked */
	struct needles		*needles;	/* NULL: always try the pattern */
	int			 needles_read;	/* needles worked out */
	/* Their first pairs, here where the rules lie in a row (quick_n 0:
	   none, or too many to keep). */
	uint16_t		 quick[RULES_QUICK];
	unsigned char		 quick_n;
	long			 cache_at;	/* in the cache: index + 1;
						   0 not looked up, -1 not there */
	/* In the text of its file (struct rules_text), NUL-terminated. */
	const char		*pattern;	/* kept to compile on demand */
	size_t			 patlen;
	uint32_t		 options;	/* pcre2_compile() options */
	const char		*value;
	size_t			 valuelen;
	const char		*file;
	unsigned long		 line;
	int			 global;
	int			 warned;	/* a run-time error was reported */
	int			 broken;	/* failed to compile when used */
	int			 user;		/* loaded after rules_user_mode() */
	unsigned		 uses;		/* matches tried, until JIT */
	unsigned		 checks;	/* needle checks, until judged */
	unsigned		 found;		/* of these, needles found */
	/* The name table of names_of, for rules_group(). */
	const pcre2_code	*names_of;
	PCRE2_SPTR		 names;
	uint32_t		 names_n, names_size;
};

/*
 * JIT compilation costs more than a few hundred interpreted matches: a
 * rule is JIT-compiled once it has been used this often, so a short CV
 * starts fast and a long one runs fast.
 */
#define RULES_JIT_AFTER	256
/*
 * A copy of the rules is made for a parsing thread, once an input has
 * proved long (rules_clone()): its rules will be used thousands of
 * times, and JIT pays sooner.
 */
#define RULES_JIT_AFTER_LONG	64

/*
 * PCRE2_UCP makes \s, \w, \d, \b and the POSIX classes look up Unicode
 * properties for every character, which makes a scan of a long subject
 * two to three times slower.  On a subject that is all ASCII, the
 * Unicode and the ASCII meanings of these are the same (and caseless
 * matching of ASCII letters does not change), so a rule has a second
 * compilation without UCP for ASCII subjects.
 *
 * Compiling takes most of the time of a short run, and a CV's entries use
 * few of the rules (see needles.h): in lazy mode (rules_lazy()) each
 * compilation is made when a subject first needs it.
 */

/*
 * A second compilation pays only for a rule used often: until then, a
 * rule compiled for Unicode subjects serves ASCII ones with it.
 */
#define RULES_ASCII_AFTER	32

/*
 * Needles (see needles.h) pay only where they are often missing: a rule
 * whose needles were in the subject at least RULES_NEEDLES_KEEP times in
 * four of its first RULES_NEEDLES_JUDGE checks ("(", ",") is tried
 * without them from then on.
 */
#define RULES_NEEDLES_JUDGE	128
#define RULES_NEEDLES_KEEP	3

/* The JIT stack: the default 32 KiB is too little for long lines. */
#define RULES_JIT_STACK_MIN	(32 * 1024)
#define RULES_JIT_STACK_MAX	(1024 * 1024)

/*
 * The text of a rules file, cut up in place: its rules point into it
 * (pattern, value, file name), which spares three allocations a rule.
 * A set keeps the texts it loaded, its clones borrow them.
 */
struct rules_text {
	struct rules_text	*next;
	char			*name;		/* in s */
	char			*text;		/* in s, after the name */
	size_t			 len;
	char			 s[];
};

#define START_NO	1	/* see rules_may_start() */
#define START_YES	2

struct field {
	char		*name;
	struct rule	*v;
	size_t		 n, cap;
	/* rules_may_start() of each ASCII byte: START_*, 0 if not asked */
	unsigned char	 starts[128];
};

/*
 * The same short subjects come back again and again (a CV's authors, its
 * venues, words of names), and what rules_apply() and rules_classify()
 * make of one depends on nothing else: the last answers are remembered,
 * by field and subject, in a table of slots: RULES_MEMO_LONG in a copy
 * for a parsing thread (an input proved long), RULES_MEMO otherwise.  A
 * short CV's subjects fit in the smaller table, whose pages a run must
 * clear and touch: the larger one cost the example CV 40 page faults
 * and a tenth of its time.
 */
#define RULES_MEMO	256	/* a power of two */
#define RULES_MEMO_LONG	1024	/* a power of two */
#define RULES_MEMO_LEN	64	/* longer subjects are not remembered */

/*
 * A file of compiled rules (rules_cache_write()): the installed rules'
 * patterns compiled and their needles worked out, when cv2bib was
 * installed, so that a run need not do it again.  Its rules are found by
 * pattern and options, so a rule that changed since is compiled as usual.
 * The file is mapped and read where it lies; a set decodes a code from it
 * when one of its rules first needs it, into that rule (see below).
 */
struct rcache {
	char		*blob;		/* the file, mapped */
	size_t		 size;
	char		*path;		/* for messages */
	size_t		 n;		/* entries */
	const char	*index;		/* n entries, sorted by hash */
	const char	*prefix;	/* of every code's stream */
	size_t		 plen;
	int		 noted;		/* damage was reported */
};

struct memo {
	const struct field	*field;		/* NULL: an empty slot */
	int			 apply;		/* rules_apply(), not classify */
	size_t			 len;
	char			 subject[RULES_MEMO_LEN];
	char			*result;	/* rules_apply()'s */
	const char		*value;		/* rules_classify()'s */
};

#define RULES_CACHE_BITS 7
#define RULES_CACHE	(1 << RULES_CACHE_BITS)	/* field names looked up
						   by address */
#define RULES_NONE	((size_t)-1)	/* in the cache: no such field */

struct name_slot {
	const char	*name;		/* NULL: an empty slot */
	char		 copy[24];	/* to confirm it */
	size_t		 index;
};

/* The slots of a set that has remembered no name: never written. */
static struct name_slot	rules_no_names[RULES_CACHE];

struct rules {
	struct field		*fields;
	size_t			 n, cap;
	struct rules_text	*texts;	/* loaded here, NULL in a clone */
	int			 user;	/* rules loaded now are the user's */
	int			 lazy;	/* compile at first use */
	int			 check;	/* CV2BIB_CHECK_NEEDLES: see below */
	pcre2_match_context	*mctx;	/* NULL until a rule is JIT-compiled */
	/*
	 * The rules share one match data: it is read before the next match
	 * (see rules.h), and each match data of the interpreter keeps a
	 * frame vector of its own (20 KiB with PCRE2 10.42).
	 */
	pcre2_match_data	*md;
	uint32_t		 md_pairs;
	pcre2_jit_stack		*jstack;
	/*
	 * The stages pass field names as string literals, many times an
	 * entry: remember where each name's rules are by its address, in
	 * RULES_CACHE slots, made when the first name is remembered (a set
	 * only loaded, a file's before it is merged, needs none): until
	 * then, rules_no_names.
	 */
	struct name_slot	*cache;
	size_t			 ncached;	/* slots in use */
	size_t			 last_added;	/* see rules_field_add() */
	/*
	 * The stages try many rules on one subject in turn: the summaries
	 * of the last two subjects the needles were checked in, each with
	 * a copy of its subject to know it again (see rule_may_match()).
	 * Two, because the reader checks a line, then the entry the line
	 * before ended, which the summary of that line serves.  Made when
	 * first needed: a set only loaded (a file's, then merged) has none.
	 */
	struct rules_sum {
		struct buf		 subj;
		struct needles_sum	 sum;
	}			*sums;	/* [2] */
	unsigned		 nsums;		/* slots in use */
	unsigned		 sum_last;	/* the newer slot */
	unsigned		 jit_after;	/* uses before JIT */
	struct memo		*memo;		/* NULL until first needed */
	size_t			 memo_n;	/* its slots */
	/*
	 * The compiled rules, or NULL.  A clone shares them read-only; each
	 * set decodes the codes its own rules need (in stream).
	 */
	struct rcache		*compiled;
	int			 compiled_own;	/* free it with the set */
	struct buf		 stream;	/* see rcache_code() */
};

/*
 * A subject as the rules of one call see it.  The summary of its needles
 * (see rule_may_match()) is checked against it once per call, not once
 * per rule.
 */
struct subject {
	const char	*s;
	size_t		 len;
	int		 ascii;
	int		 summed;	/* r->sums[slot] serves for it */
	unsigned	 slot;
};

static int	is_ascii(const char *, size_t);
static void	rcache_free(struct rcache *);
static pcre2_code *rcache_code(struct rules *, size_t, int);
static const char *rcache_needles(const struct rcache *, size_t, size_t *);
static void	rcache_damaged(const struct rules *, const struct rule *);
static long	rule_cached(const struct rules *, struct rule *);
static pcre2_code *rule_code(struct rules *, struct rule *, int);

static void
subject_init(struct subject *sj, const char *s, size_t len)
{
	sj->s = s;
	sj->len = len;
	sj->ascii = is_ascii(s, len);
	sj->summed = 0;
}

/* One parsed line before it is compiled: in the text of its file. */
struct rule_text {
	const char	*field;
	const char	*pattern;
	size_t		 patlen;
	const char	*value;
	uint32_t	 options;
	int		 global;
};

struct rules *
rules_new(void)
{
	struct rules *r = xcalloc(1, sizeof(struct rules));
	const char *check = getenv("CV2BIB_CHECK_NEEDLES");

	r->check = check != NULL && *check != '\0' && *check != '0';
	r->jit_after = RULES_JIT_AFTER;
	r->memo_n = RULES_MEMO;
	r->cache = rules_no_names;
	return r;
}

/* Forget every answer (the rules changed). */
static void
memo_clear(struct rules *r)
{
	size_t i;

	if (r->memo == NULL)
		return;
	for (i = 0; i < r->memo_n; i++) {
		free(r->memo[i].result);
		r->memo[i].result = NULL;
		r->memo[i].field = NULL;
	}
}

/*
 * The slot for a subject of a field; its answer is there when found is
 * set.  NULL for a subject too long to remember.
 */
static struct memo *
memo_slot(const struct rules *r, const struct field *f, int apply,
    const char *subject, size_t len, int *found)
{
	struct rules *rw = (struct rules *)r;	/* the memo only */
	struct memo *m;
	uint64_t h = (uint64_t)(uintptr_t)f ^ (uint64_t)apply << 63 ^ len, w;
	size_t i;

	*found = 0;
	if (len > RULES_MEMO_LEN)
		return NULL;
	if (rw->memo == NULL)
		rw->memo = xcalloc(rw->memo_n, sizeof(*rw->memo));
	/*
	 * The subject eight bytes at a time (a byte at a time, FNV-1a, was
	 * 2% of a long run: a multiplication in a row per byte), with the
	 * field and the length; the high bits of a multiplication mix them.
	 */
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, subject + i, 8);
		h = (h ^ w) * UINT64_C(0x9e3779b97f4a7c15);
		h ^= h >> 29;
	}
	if (i < len) {
		w = 0;
		memcpy(&w, subject + i, len - i);
		h = (h ^ w) * UINT64_C(0x9e3779b97f4a7c15);
		h ^= h >> 29;
	}
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	m = &rw->memo[(h >> 40) & (rw->memo_n - 1)];
	*found = m->field == f && m->apply == apply && m->len == len &&
	    memcmp(m->subject, subject, len) == 0;
	return m;
}

/* Remember an answer in slot m (from memo_slot()). */
static void
memo_keep(struct memo *m, const struct field *f, int apply,
    const char *subject, size_t len, const char *result, const char *value)
{
	m->field = f;
	m->apply = apply;
	m->len = len;
	memcpy(m->subject, subject, len);
	free(m->result);
	m->result = result != NULL ? xstrdup(result) : NULL;
	m->value = value;
}

/* Free what one rule holds. */
static void
rule_free(struct rule *ru)
{
	needles_free(ru->needles);
	pcre2_code_free(ru->ascii);
	pcre2_code_free(ru->re);
}

/*
 * Room for a file's name and cap bytes of its text (the NUL too): the
 * name is put in; text and len are for the caller to set.
 */
static struct rules_text *
rules_text_alloc(const char *name, size_t cap)
{
	size_t nlen = strlen(name);
	struct rules_text *t = xmalloc(sizeof(*t) + nlen + 1 + cap);

	t->next = NULL;
	memcpy(t->s, name, nlen + 1);
	return t;
}

/* Point name and text into the block, once it no longer moves. */
static void
rules_text_place(struct rules_text *t, size_t len)
{
	t->name = t->s;
	t->text = t->s + strlen(t->s) + 1;
	t->text[len] = '\0';
	t->len = len;
}

/* A copy of a file's text and name, to parse in place. */
static struct rules_text *
rules_text_new(const char *name, const char *text)
{
	size_t len = strlen(text);
	struct rules_text *t = rules_text_alloc(name, len + 1);

	memcpy(t->s + strlen(name) + 1, text, len);
	rules_text_place(t, len);
	return t;
}

/*
 * A file read whole into a block of its own, which is parsed in place:
 * no buffer to read into first, and no copy.  NULL and *cause on error.
 */
static struct rules_text *
rules_text_read(const char *path, char **cause)
{
	struct rules_text *t;
	struct stat st;
	size_t at = strlen(path) + 1, cap = 8192, len = 0;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		xasprintf(cause, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX / 2)
		cap = (size_t)st.st_size + 1;
	t = rules_text_alloc(path, cap);
	/* Full to the last byte: there may be more (a pipe, a growing file). */
	while ((len += fread(t->s + at + len, 1, cap - len, fp)) == cap) {
		cap *= 2;
		t = xrealloc(t, sizeof(*t) + at + cap);
	}
	if (ferror(fp)) {
		xasprintf(cause, "cannot read '%s': %s", path, strerror(errno));
		fclose(fp);
		free(t);
		return NULL;
	}
	fclose(fp);
	rules_text_place(t, len);
	return t;
}

static void
rules_text_free(struct rules_text *t)
{
	struct rules_text *next;

	for (; t != NULL; t = next) {
		next = t->next;
		free(t);
	}
}

void
rules_free(struct rules *r)
{
	size_t i, k;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		for (k = 0; k < r->fields[i].n; k++)
			rule_free(&r->fields[i].v[k]);
		free(r->fields[i].v);
		free(r->fields[i].name);
	}
	free(r->fields);
	if (r->cache != rules_no_names)
		free(r->cache);
	rules_text_free(r->texts);
	memo_clear(r);
	free(r->memo);
	if (r->compiled_own)
		rcache_free(r->compiled);
	buf_free(&r->stream);
	for (i = 0; r->sums != NULL && i < 2; i++) {
		buf_free(&r->sums[i].subj);
		needles_sum_free(&r->sums[i].sum);
	}
	free(r->sums);
	pcre2_match_data_free(r->md);
	pcre2_match_context_free(r->mctx);
	pcre2_jit_stack_free(r->jstack);
	free(r);
}

/* PCRE2 gave NULL where only memory can be short. */
static void *
rules_check_alloc(void *p)
{
	if (p == NULL) {
		/* As xmalloc.c does: the one exit below main(). */
		fputs("cv2bib: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

/* The index of a field's rules, or r->n if it has none. */
static size_t
rules_field_index(const struct rules *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			break;
	return i;
}

/*
 * The rules of a field, or NULL.  A name keeps its text (rules.h), so
 * where each address led is remembered, also to no field (the stages ask
 * for every field of an entry, most of which have no rules): comparing
 * the text each time was 1.6% of a long run.  The tests check it
 * (CV2BIB_CHECK_NEEDLES).  The addresses are hashed into a table with
 * room for all the names the stages use: in one slot an address, with
 * the slot its bits chose, string literals a few bytes apart took each
 * other's place (1.4% of a long run in one build, 1.1% in the next).
 */
static struct field *
rules_field(const struct rules *r, const char *name)
{
	struct rules *rw = (struct rules *)r;	/* the cache only */
	size_t i, slot = (size_t)((uint64_t)(uintptr_t)name *
	    UINT64_C(0x9e3779b97f4a7c15) >> (64 - RULES_CACHE_BITS));

	for (; r->cache[slot].name != NULL;
	    slot = (slot + 1) & (RULES_CACHE - 1)) {
		if (r->cache[slot].name != name)
			continue;
		if (r->check && strcmp(r->cache[slot].copy, name) != 0) {
			fprintf(stderr, "cv2bib: field name \"%s\" at an "
			    "address that held \"%s\" (rules.h)\n", name,
			    r->cache[slot].copy);
			abort();
		}
		i = r->cache[slot].index;
		return i == RULES_NONE ? NULL : &r->fields[i];
	}
	i = rules_field_index(r, name);
	/* A full table would have no empty slot to end a search. */
	if (strlen(name) < sizeof(r->cache[slot].copy) &&
	    r->ncached < RULES_CACHE * 3 / 4) {
		if (r->cache == rules_no_names)
			rw->cache = xcalloc(RULES_CACHE, sizeof(*r->cache));
		rw->cache[slot].name = name;
		strcpy(rw->cache[slot].copy, name);
		rw->cache[slot].index = i < r->n ? i : RULES_NONE;
		rw->ncached++;
	}
	return i < r->n ? &r->fields[i] : NULL;
}

/*
 * The rules of a field, created empty if it is new.  name may be the
 * text of a line being loaded: it is looked up, not remembered.  The
 * rules of a field mostly follow each other in a file: the field asked
 * for last is tried first.
 */
static struct field *
rules_field_add(struct rules *r, const char *name)
{
	size_t i = r->last_added;
	struct field *f;

	if (i >= r->n || strcmp(r->fields[i].name, name) != 0)
		i = rules_field_index(r, name);
	if (i < r->n) {
		r->last_added = i;
		return &r->fields[i];
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->fields = xreallocarray(r->fields, r->cap, sizeof(*r->fields));
	}
	r->last_added = r->n;
	f = &r->fields[r->n++];
	memset(f, 0, sizeof(*f));
	/* A name cached as no field may now be this one. */
	if (r->ncached > 0) {
		memset(r->cache, 0, RULES_CACHE * sizeof(*r->cache));
		r->ncached = 0;
	}
	f->name = xstrdup(name);
	return f;
}

/* Append a rule (a struct copy: the field takes over what it holds). */
static void
field_push(struct field *f, const struct rule *ru)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->v = xreallocarray(f->v, f->cap, sizeof(*f->v));
	}
	f->v[f->n++] = *ru;
	memset(f->starts, 0, sizeof(f->starts));	/* ask again */
}

/*
 * Move the rules of src to dst, which has none: most fields are in one
 * file, and their rules need not be copied one by one.
 */
static void
field_take(struct field *dst, struct field *src)
{
	free(dst->v);
	dst->v = src->v;
	dst->n = src->n;
	dst->cap = src->cap;
	src->v = NULL;
	src->n = src->cap = 0;
	memset(dst->starts, 0, sizeof(dst->starts));	/* ask again */
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_field_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	    c == '_';
}

/* Any ASCII punctuation can delimit a pattern, as in sed, but "\\". */
static int
is_delim(char c)
{
	return c > ' ' && c < 0x7f && c != '\\' && !(c >= 'a' && c <= 'z') &&
	    !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9');
}

/* Whether s[0..len) is all ASCII; eight bytes at a time. */
static int
is_ascii(const char *s, size_t len)
{
	uint64_t w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			return 0;
	}
	for (; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * Read the quoted replacement at p (on the opening quote), in place: \"
 * and \\ are the quote and the backslash, other backslashes stay for
 * PCRE2.  Returns the value, or NULL and a static message in *err on a
 * syntax error.
 */
static char *
parse_quoted(char *p, const char **err)
{
	char *v = p + 1, *w = v;

	/* w never passes p: the text is unescaped where it lies. */
	for (p++; *p != '\0' && *p != '"'; p++) {
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		*w++ = *p;
	}
	if (*p != '"') {
		*err = "missing closing quote";
		return NULL;
	}
	for (p++; is_blank(*p); p++)
		continue;
	if (*p != '\0' && *p != '#') {
		*err = "text after the closing quote";
		return NULL;
	}
	*w = '\0';
	return v;
}

/*
 * The delimiter that ends the pattern at p, or NULL.  The pattern is
 * taken as written: "\/" stays "\/" (a literal slash to PCRE2), "\\"
 * stays "\\"; a backslash only keeps the delimiter after it from ending
 * the pattern, so a delimiter ends it after an even run of backslashes.
 * strchr() finds the candidates faster than a loop a byte at a time, which
 * was a third of loading the rules.
 */
static char *
pattern_end(char *p, char delim)
{
	char *q, *b;

	for (q = p; (q = strchr(q, delim)) != NULL; q++) {
		for (b = q; b > p && b[-1] == '\\'; b--)
			continue;
		if ((q - b) % 2 == 0)
			return q;
	}
	return NULL;
}

/*
 * Split a line into its parts, in place: the field name, the pattern and
 * the value are cut off with a NUL each, and rt points at them.  Returns
 * 1 for a rule, 0 for a blank or comment line, -1 with *err set (a
 * static message) or errbuf filled.
 */
static int
parse_line(char *s, struct rule_text *rt, const char **err, char *errbuf,
    size_t errsize)
{
	char *p = s, delim, *f, *q;
	size_t n;

	while (is_blank(*p))
		p++;
	if (*p == '\0' || *p == '#')
		return 0;
	if (*p < 'a' || *p > 'z') {
		*err = "a rule starts with a field name (a-z)";
		return -1;
	}
	for (f = p; is_field_char(*p); p++)
		continue;
	if (*p == '\0') {
		*err = "missing pattern";
		return -1;
	}
	if (!is_blank(*p)) {
		*err = "a field name is made of a-z, 0-9, - and _";
		return -1;
	}
	*p++ = '\0';
	while (is_blank(*p))
		p++;
	if (!is_delim(*p)) {
		*err = "missing pattern";
		return -1;
	}
	delim = *p++;
	if ((q = pattern_end(p, delim)) == NULL) {
		snprintf(errbuf, errsize, "missing closing delimiter \"%c\"",
		    delim);
		return -1;
	}
	rt->pattern = p;
	rt->patlen = (size_t)(q - p);
	*q = '\0';
	p = q;
	rt->options = PCRE2_UTF | PCRE2_UCP;
	rt->global = 0;
	for (p++; *p != '\0' && !is_blank(*p); p++) {
		switch (*p) {
		case 'i':
			rt->options |= PCRE2_CASELESS;
			break;
		case 'x':
			rt->options |= PCRE2_EXTENDED;
			break;
		case 's':
			rt->options |= PCRE2_DOTALL;
			break;
		case 'g':
			rt->global = 1;
			break;
		default:
			if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f)
				snprintf(errbuf, errsize, "unknown flag '%c'",
				    *p);
			else
				snprintf(errbuf, errsize,
				    "unknown flag (byte 0x%02x)",
				    (unsigned char)*p);
			return -1;
		}
	}
	while (is_blank(*p))
		p++;
	if (*p == '"') {
		if ((rt->value = parse_quoted(p, err)) == NULL)
			return -1;
	} else {
		n = strlen(p);
		while (n > 0 && is_blank(p[n - 1]))
			n--;
		p[n] = '\0';
		rt->value = p;
	}
	rt->field = f;
	return 1;
}

/*
 * Check a replacement against the groups of its pattern, so that "$3" or
 * "${nmae}" is an error at load time and not at the thousandth entry.
 * pcre2_substitute() reads the replacement only after a match, so build a
 * pattern with the same groups that matches the empty string, "()(?<n>)",
 * and substitute on "".  Returns 0, or -1 and *cause (the message alone).
 */
static int
check_replacement(const struct rule *ru, const pcre2_code *pat,
    char **cause)
{
	struct buf helper = BUF_INIT;
	pcre2_code *re;
	pcre2_match_data *md;
	PCRE2_SPTR table, entry;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off, size;
	uint32_t ncap, nnames, esize, i, k;
	char out[256];
	int rc, code;

	pcre2_pattern_info(pat, PCRE2_INFO_CAPTURECOUNT, &ncap);
	pcre2_pattern_info(pat, PCRE2_INFO_NAMECOUNT, &nnames);
	pcre2_pattern_info(pat, PCRE2_INFO_NAMEENTRYSIZE, &esize);
	pcre2_pattern_info(pat, PCRE2_INFO_NAMETABLE, &table);
	buf_grow(&helper, 1);
	for (i = 1; i <= ncap; i++) {
		/* Entries: the group number in two bytes, then the name. */
		for (k = 0; k < nnames; k++) {
			entry = table + (size_t)k * esize;
			if ((uint32_t)(entry[0] << 8 | entry[1]) == i)
				break;
		}
		if (k < nnames)
			buf_printf(&helper, "(?<%s>)",
			    (const char *)(table + (size_t)k * esize + 2));
		else
			buf_puts(&helper, "()");
	}
	re = pcre2_compile((PCRE2_SPTR)buf_str(&helper), helper.len,
	    PCRE2_UTF | PCRE2_DUPNAMES, &code, &off, NULL);
	buf_free(&helper);
	if (re == NULL)
		return 0;	/* cannot happen; the run-time check remains */
	md = rules_check_alloc(pcre2_match_data_create_from_pattern(re, NULL));
	size = sizeof(out);
	/* Without PCRE2_NO_UTF_CHECK: the replacement is checked too. */
	rc = pcre2_substitute(re, (PCRE2_SPTR)"", 0, 0,
	    PCRE2_SUBSTITUTE_EXTENDED | PCRE2_SUBSTITUTE_UNSET_EMPTY |
	    PCRE2_SUBSTITUTE_OVERFLOW_LENGTH, md, NULL,
	    (PCRE2_SPTR)ru->value, ru->valuelen, (PCRE2_UCHAR *)out, &size);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	if (rc >= 0 || rc == PCRE2_ERROR_NOMEMORY)
		return 0;
	pcre2_get_error_message(rc, msg, sizeof(msg));
	if (size <= ru->valuelen)
		xasprintf(cause, "bad replacement \"%s\" at offset %zu: %s",
		    ru->value, (size_t)size, (const char *)msg);
	else
		xasprintf(cause, "bad replacement \"%s\": %s", ru->value,
		    (const char *)msg);
	return -1;
}

/*
 * JIT-compile code; 1 on success.  JIT is an optimisation: where PCRE2
 * lacks it or it fails, the interpreter runs.  The first success sets up
 * the JIT stack.
 */
static int
rule_jit(struct rules *r, pcre2_code *code)
{
	if (pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) != 0)
		return 0;
	if (r->mctx != NULL)
		return 1;
	r->mctx = rules_check_alloc(pcre2_match_context_create(NULL));
	r->jstack = pcre2_jit_stack_create(RULES_JIT_STACK_MIN,
	    RULES_JIT_STACK_MAX, NULL);
	/* Without a stack of its own, JIT uses 32 KiB on the C stack. */
	if (r->jstack != NULL)
		pcre2_jit_stack_assign(r->mctx, NULL, r->jstack);
	return 1;
}

/* JIT-compile the compilations rule ru has. */
static void
rule_jit_all(struct rules *r, struct rule *ru)
{
	if (ru->re != NULL && !ru->re_jit)
		ru->re_jit = rule_jit(r, ru->re);
	if (ru->ascii != NULL && !ru->ascii_jit)
		ru->ascii_jit = rule_jit(r, ru->ascii);
}

/* Make the shared match data large enough for the groups of code. */
static void
rules_md_fit(struct rules *r, const pcre2_code *code)
{
	uint32_t ncap;

	pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &ncap);
	if (r->md != NULL && ncap < r->md_pairs)
		return;
	pcre2_match_data_free(r->md);
	r->md_pairs = (ncap + 16) & ~(uint32_t)15;
	r->md = rules_check_alloc(pcre2_match_data_create(r->md_pairs, NULL));
}

/*
 * Compile rule ru, with UCP or for ASCII subjects only; the first
 * compilation also checks the replacement and makes the match data.
 * Returns the code, or NULL with *cause (the message alone).
 */
static pcre2_code *
rule_compile(struct rules *r, struct rule *ru, int ascii, char **cause)
{
	pcre2_code *code;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	uint32_t options = ru->options;
	long k;
	int err;

	if (ascii)
		options &= ~(uint32_t)PCRE2_UCP;
	code = NULL;
	if ((k = rule_cached(r, ru)) >= 0 &&
	    (code = rcache_code(r, (size_t)k, ascii)) == NULL)
		rcache_damaged(r, ru);
	if (code == NULL)
		code = pcre2_compile((PCRE2_SPTR)ru->pattern, ru->patlen,
		    options, &err, &off, NULL);
	if (code == NULL) {
		pcre2_get_error_message(err, msg, sizeof(msg));
		xasprintf(cause, "bad pattern at offset %zu: %s", (size_t)off,
		    (const char *)msg);
		return NULL;
	}
	if (!ru->checked) {
		/* Plain text cannot refer to a group or hold a bad escape. */
		if ((strchr(ru->value, '$') != NULL ||
		    strchr(ru->value, '\\') != NULL) &&
		    check_replacement(ru, code, cause) == -1) {
			pcre2_code_free(code);
			return NULL;
		}
		ru->checked = 1;
	}
	rules_md_fit(r, code);
	if (ascii)
		ru->ascii = code;
	else
		ru->re = code;
	if (ru->uses >= r->jit_after)
		rule_jit_all(r, ru);
	return ascii ? ru->ascii : ru->re;
}

/*
 * Add a parsed rule of the file named name to the set, compiled unless
 * the set is lazy; -1 with *cause on a bad pattern.  The rule points into
 * the text of rt and name, which the set is to keep.
 */
static int
rules_add(struct rules *r, const struct rule_text *rt, const char *name,
    unsigned long line, char **cause)
{
	struct rule ru;
	char *msg;

	memset(&ru, 0, sizeof(ru));
	ru.value = rt->value;
	ru.valuelen = strlen(rt->value);
	ru.file = name;
	ru.line = line;
	ru.patlen = rt->patlen;
	ru.pattern = rt->pattern;
	ru.options = rt->options;
	if (!r->lazy && rule_compile(r, &ru, 0, &msg) == NULL) {
		xasprintf(cause, "%s:%lu: %s", name, line, msg);
		free(msg);
		return -1;
	}
	ru.user = r->user;
	ru.global = rt->global;
	field_push(rules_field_add(r, rt->field), &ru);
	return 0;
}

/*
 * Load into a scratch set first, so that a file with an error adds
 * nothing: then move the rules over, and the texts they point into.
 */
static void
rules_merge(struct rules *to, struct rules *from)
{
	struct rules_text **tail = &from->texts;
	size_t i, k;

	while (*tail != NULL)
		tail = &(*tail)->next;
	*tail = to->texts;
	to->texts = from->texts;
	from->texts = NULL;
	memo_clear(to);
	for (i = 0; i < from->n; i++) {
		struct field *src = &from->fields[i];
		struct field *dst = rules_field_add(to, src->name);

		/* Compiled when loaded: the set's match data must fit. */
		for (k = 0; k < src->n; k++)
			if (src->v[k].re != NULL)
				rules_md_fit(to, src->v[k].re);
		if (dst->n == 0)
			field_take(dst, src);
		for (k = 0; k < src->n; k++)
			field_push(dst, &src->v[k]);
		src->n = 0;
	}
	rules_free(from);
}

struct rules *
rules_clone(const struct rules *r)
{
	struct rules *c = rules_new();
	const struct rule *src;
	struct rule ru;
	struct field *f;
	size_t i, k;

	for (i = 0; i < r->n; i++) {
		f = rules_field_add(c, r->fields[i].name);
		for (k = 0; k < r->fields[i].n; k++) {
			src = &r->fields[i].v[k];
			memset(&ru, 0, sizeof(ru));
			/* The text is r's: it outlives the copy (rules.h). */
			ru.pattern = src->pattern;
			ru.patlen = src->patlen;
			ru.options = src->options;
			ru.value = src->value;
			ru.valuelen = src->valuelen;
			ru.file = src->file;
			ru.line = src->line;
			ru.global = src->global;
			ru.user = src->user;
			/* Reported once already: not again per thread. */
			ru.broken = src->broken;
			ru.warned = src->warned;
			ru.cache_at = src->cache_at;
			field_push(f, &ru);
		}
	}
	/* Its patterns compiled when loaded, or are installed ones. */
	c->lazy = 1;
	c->check = r->check;
	c->compiled = r->compiled;	/* read only: shared, r owns it */
	c->user = r->user;
	c->jit_after = RULES_JIT_AFTER_LONG;
	c->memo_n = RULES_MEMO_LONG;
	return c;
}

void
rules_user_mode(struct rules *r)
{
	r->user = 1;
}

void
rules_lazy(struct rules *r, int lazy)
{
	r->lazy = lazy;
}

/* Say where text has its first invalid UTF-8 byte; 0 if it has none. */
static unsigned long
invalid_utf8_line(const char *text, size_t len)
{
	size_t ok = utf8_valid_prefix(text, len), i;
	unsigned long line = 1;

	if (ok == len)
		return 0;
	for (i = 0; i < ok; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

/*
 * Load the rules of a file's text, which the set takes over (and frees on
 * error); 0, or -1 and *cause.
 */
static int
rules_load_text(struct rules *r, struct rules_text *t, char **cause)
{
	struct rules *tmp;
	struct rule_text rt;
	const char *err;
	char *line, *nl, errbuf[64];
	unsigned long lineno;
	size_t n;
	int rc;

	tmp = rules_new();
	tmp->user = r->user;
	tmp->lazy = r->lazy;
	tmp->texts = t;
	if ((lineno = invalid_utf8_line(t->text, t->len)) != 0) {
		xasprintf(cause, "%s:%lu: invalid UTF-8", t->name, lineno);
		goto fail;
	}
	line = t->text;
	/* A byte-order mark, as some editors write. */
	if (strncmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3;
	for (; line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL) {
			n = (size_t)(nl - line);
			*nl++ = '\0';
		} else
			n = strlen(line);
		if (n > 0 && line[n - 1] == '\r')
			line[n - 1] = '\0';
		lineno++;
		err = NULL;
		errbuf[0] = '\0';
		memset(&rt, 0, sizeof(rt));
		rc = parse_line(line, &rt, &err, errbuf, sizeof(errbuf));
		if (rc == 0)
			continue;
		if (rc == -1) {
			xasprintf(cause, "%s:%lu: %s", t->name, lineno,
			    err != NULL ? err : errbuf);
			goto fail;
		}
		if (rules_add(tmp, &rt, t->name, lineno, cause) == -1)
			goto fail;
	}
	rules_merge(r, tmp);
	return 0;
fail:
	rules_free(tmp);
	return -1;
}

int
rules_load_string(struct rules *r, const char *name, const char *text,
    char **cause)
{
	return rules_load_text(r, rules_text_new(name, text), cause);
}

int
rules_load_file(struct rules *r, const char *path, char **cause)
{
	struct rules_text *t;

	if ((t = rules_text_read(path, cause)) == NULL)
		return -1;
	if (memchr(t->text, '\0', t->len) != NULL) {
		xasprintf(cause, "%s: not a text file (it holds a NUL byte)",
		    path);
		free(t);
		return -1;
	}
	return rules_load_text(r, t, cause);
}

size_t
rules_count(const struct rules *r, const char *field)
{
	const struct field *f = rules_field(r, field);

	return f != NULL ? f->n : 0;
}

/*
 * Whether a match of one of f's rules may start with the ASCII byte c:
 * PCRE2 says for a rule anchored at the start (partial matching of c
 * alone), and any byte may start a match of a rule that is not.  Worked
 * out a byte at a time, as asked: a run asks for few of them.
 */
static int
field_may_start(struct rules *r, struct field *f, unsigned char c)
{
	pcre2_code *code;
	uint32_t opts;
	PCRE2_UCHAR u = c;
	size_t i;
	int rc;

	for (i = 0; i < f->n; i++) {
		if ((code = rule_code(r, &f->v[i], 0)) == NULL)
			continue;	/* broken: never matches */
		pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &opts);
		if (!(opts & PCRE2_ANCHORED))
			return 1;
		rules_md_fit(r, code);
		rc = pcre2_match(code, &u, 1, 0, PCRE2_PARTIAL_HARD, r->md,
		    NULL);
		if (rc >= 0 || rc == PCRE2_ERROR_PARTIAL)
			return 1;
	}
	return 0;
}

int
rules_may_start(const struct rules *r, const char *field, unsigned char c)
{
	struct field *f = rules_field(r, field);

	if (f == NULL)
		return 0;
	if (c >= 128)
		return 1;
	if (f->starts[c] == 0)
		f->starts[c] = field_may_start((struct rules *)r, f, c) ?
		    START_YES : START_NO;
	return f->starts[c] == START_YES;
}

/* Count a use of a rule; the compilations of one used often get JIT. */
static void
rule_use(struct rules *r, struct rule *ru)
{
	if (ru->uses >= r->jit_after || ++ru->uses < r->jit_after)
		return;
	rule_jit_all(r, ru);
}

/*
 * The compilation of a rule for a subject (ASCII or not), compiled now if
 * it is the first; NULL if the pattern cannot be compiled (a rule loaded
 * lazily), which is reported once.
 */
static pcre2_code *
rule_code(struct rules *r, struct rule *ru, int ascii)
{
	pcre2_code *code = ascii ? ru->ascii : ru->re;
	char *cause;

	if (code != NULL || ru->broken)
		return code;
	/*
	 * The Unicode compilation serves ASCII too, if slower, until a
	 * second compilation pays; one decoded from the compiled rules
	 * costs less, but still its copy of PCRE2's tables (1 KB).
	 */
	if (ascii && ru->re != NULL && ru->uses < RULES_ASCII_AFTER)
		return ru->re;
	if ((code = rule_compile(r, ru, ascii, &cause)) == NULL) {
		ru->broken = 1;
		diag_at(DIAG_WARNING, ru->file, ru->line, "%s; rule ignored",
		    cause);
		free(cause);
	}
	return code;
}

/* Report a run-time failure of a rule, once per rule. */
static void
rule_warn(struct rule *ru, const char *what, int rc)
{
	PCRE2_UCHAR msg[256];

	if (ru->warned)
		return;
	ru->warned = 1;
	pcre2_get_error_message(rc, msg, sizeof(msg));
	diag_at(DIAG_WARNING, ru->file, ru->line, "rule %s failed: %s", what,
	    (const char *)msg);
}

/*
 * Whether the summary in slot i serves for sj too: it is of the same
 * text, or of one that sj starts or ends and nearly as long (a line and
 * the entry on it after its label).  Any needle in a part of a text is
 * in the text, so a summary of more only lets a few more rules be tried.
 */
static int
subject_within(const struct rules *r, unsigned i, const struct subject *sj)
{
	const struct buf *b;

	if (i >= r->nsums)
		return 0;
	b = &r->sums[i].subj;
	if (sj->len > b->len || sj->len * 4 < b->len * 3)
		return 0;
	return memcmp(b->s + b->len - sj->len, sj->s, sj->len) == 0 ||
	    (sj->len < b->len && memcmp(b->s, sj->s, sj->len) == 0);
}

/* The needles of rule ru (NULL: none), worked out when first needed. */
static const struct needles *
rule_needles(const struct rules *r, struct rule *ru)
{
	const char *p;
	size_t len;
	long k;

	if (!ru->needles_read) {
		if ((k = rule_cached(r, ru)) < 0 ||
		    (p = rcache_needles(r->compiled, (size_t)k, &len)) == NULL ||
		    !needles_decode(p, len, &ru->needles))
			ru->needles = needles_new(ru->pattern, ru->patlen,
			    (ru->options & PCRE2_CASELESS) != 0,
			    (ru->options & PCRE2_EXTENDED) != 0);
		ru->needles_read = 1;
		if (ru->needles != NULL)
			ru->quick_n = (unsigned char)needles_first_pairs(
			    ru->needles, ru->quick, RULES_QUICK);
	}
	return ru->needles;
}

/* Find or make a summary that serves for sj, in slot sj->slot. */
static void
subject_summary(struct rules *r, struct subject *sj)
{
	unsigned i = r->sum_last;

	if (sj->summed)
		return;
	sj->summed = 1;
	if (subject_within(r, i, sj) || subject_within(r, i ^= 1, sj)) {
		sj->slot = i;
		return;
	}
	/* i is the older slot, or the one not used yet. */
	if (r->sums == NULL)
		r->sums = xcalloc(2, sizeof(*r->sums));
	if (r->nsums < 2)
		i = r->nsums++;
	needles_summarise(&r->sums[i].sum, sj->s, sj->len);
	buf_reset(&r->sums[i].subj);
	buf_append(&r->sums[i].subj, sj->s, sj->len);
	r->sum_last = i;
	sj->slot = i;
}

/*
 * Whether a rule may match the subject: 0 when it lacks all of the rule's
 * needles.  The subject is summarised once for the rules tried on it, and
 * the summary kept for the next call with the same text.
 */
static int
rule_may_match(const struct rules *r, struct rule *ru, struct subject *sj)
{
	struct rules *rw = (struct rules *)r;	/* the summary only */
	const struct needles_sum *sum;
	unsigned i;
	int found;

	if (rule_needles(r, ru) == NULL)
		return 1;
	subject_summary(rw, sj);
	sum = &rw->sums[sj->slot].sum;
	/*
	 * The first pairs, in the rule itself: the rules of a field lie in
	 * a row, their needles each in a block of their own, and reading
	 * a block for every rule tried would cost a cache miss each.
	 */
	for (i = 0; i < ru->quick_n; i++)
		if (sum->pairs[ru->quick[i]] == sum->gen)
			break;
	found = (ru->quick_n > 0 && i == ru->quick_n) ? 0 :
	    needles_maybe(ru->needles, sum);
	if (ru->checks < RULES_NEEDLES_JUDGE) {
		ru->checks++;
		ru->found += (unsigned)found;
		if (ru->checks == RULES_NEEDLES_JUDGE && ru->found * 4 >=
		    RULES_NEEDLES_KEEP * RULES_NEEDLES_JUDGE) {
			needles_free(ru->needles);
			ru->needles = NULL;
		}
	}
	return found;
}

/*
 * With CV2BIB_CHECK_NEEDLES set (the tests set it), a rule its needles
 * turned away is tried all the same: if it matches, the needles were
 * wrong, and the run stops here rather than give a wrong bibliography.
 */
static void
rule_check_skip(struct rules *r, struct rule *ru, const char *s, size_t len,
    size_t start)
{
	pcre2_code *code;

	if ((code = rule_code(r, ru, 0)) == NULL)
		return;
	if (pcre2_match(code, (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK,
	    r->md, NULL) < 0)
		return;
	fprintf(stderr, "cv2bib: %s:%lu: the rule's needles missed a match "
	    "in \"%.*s\"\n", ru->file, ru->line, (int)len, s);
	abort();
}

/*
 * Match a rule against the subject from start with the compilation that
 * suits it; 1 on a match (the result in r->md), else 0.  *codep says
 * which compilation matched.
 */
static int
rule_match(const struct rules *r, struct rule *ru, struct subject *sj,
    size_t start, pcre2_code **codep)
{
	const char *s = sj->s;
	size_t len = sj->len;
	int ascii = sj->ascii;
	pcre2_code *code;
	int rc;

	if (!rule_may_match(r, ru, sj)) {
		if (r->check)
			rule_check_skip((struct rules *)r, ru, s, len, start);
		return 0;
	}
	/* Compilation and JIT state only: the rules keep their meaning. */
	rule_use((struct rules *)r, ru);
	if ((code = rule_code((struct rules *)r, ru, ascii)) == NULL)
		return 0;
	*codep = ru->last = code;
	/* JIT's own entry skips the checks pcre2_match() makes each call. */
	if (code == ru->re ? ru->re_jit : ru->ascii_jit)
		rc = pcre2_jit_match(code, (PCRE2_SPTR)s, len, start, 0,
		    r->md, r->mctx);
	else
		rc = pcre2_match(code, (PCRE2_SPTR)s, len, start,
		    PCRE2_NO_UTF_CHECK, r->md, r->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
#ifdef PCRE2_NO_JIT
	/* The interpreter keeps its backtracking on the heap. */
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT) {
		rc = pcre2_match(code, (PCRE2_SPTR)s, len, start,
		    PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, r->md, r->mctx);
		if (rc >= 0)
			return 1;
		if (rc == PCRE2_ERROR_NOMATCH)
			return 0;
	}
#endif
	rule_warn(ru, "match", rc);
	return 0;
}

/*
 * Apply one rule to s[0..len); a new string and its length in *outlen, or
 * NULL if the rule did not match (or failed, which is reported once).
 */
static char *
rule_substitute(const struct rules *r, struct rule *ru, struct subject *sj,
    size_t *outlen)
{
	const char *s = sj->s;
	size_t len = sj->len;
	pcre2_code *code;
	PCRE2_SIZE size = len + ru->valuelen + 64;
	uint32_t opts = PCRE2_SUBSTITUTE_EXTENDED | PCRE2_NO_UTF_CHECK |
	    PCRE2_SUBSTITUTE_OVERFLOW_LENGTH | PCRE2_SUBSTITUTE_UNSET_EMPTY;
	char *out;
	int rc;

	/* Match first: most rules do not apply, and then cost no copy. */
	if (!rule_match(r, ru, sj, 0, &code))
		return NULL;
	if (ru->global)
		opts |= PCRE2_SUBSTITUTE_GLOBAL;
#ifdef PCRE2_SUBSTITUTE_MATCHED
	opts |= PCRE2_SUBSTITUTE_MATCHED;	/* reuse that match */
#endif
	for (;;) {
		out = xmalloc(size);
		rc = pcre2_substitute(code, (PCRE2_SPTR)s, len, 0, opts, r->md,
		    r->mctx, (PCRE2_SPTR)ru->value, ru->valuelen,
		    (PCRE2_UCHAR *)out, &size);
		if (rc != PCRE2_ERROR_NOMEMORY)
			break;
		free(out);	/* size now holds the length needed */
#ifdef PCRE2_SUBSTITUTE_MATCHED
		/*
		 * A global substitution has moved the match data past the
		 * first match: let PCRE2 match again from the start.
		 */
		opts &= ~(uint32_t)PCRE2_SUBSTITUTE_MATCHED;
#endif
	}
	if (rc < 0) {
		rule_warn(ru, "replacement", rc);
		free(out);
		return NULL;
	}
	*outlen = size;
	return out;
}

/* rules_apply() without the memo: a new string. */
static char *
rules_apply_all(const struct rules *r, const struct field *f,
    const char *subject, size_t len)
{
	struct subject sj;
	char *cur = NULL, *next;
	size_t i, nlen;

	subject_init(&sj, subject, len);
	for (i = 0; i < f->n; i++) {
		if ((next = rule_substitute(r, &f->v[i], &sj, &nlen)) == NULL)
			continue;
		free(cur);
		cur = next;
		len = nlen;
		subject_init(&sj, cur, len);
	}
	return cur != NULL ? cur : xstrndup(subject, len);
}

char *
rules_apply(const struct rules *r, const char *field, const char *subject)
{
	const struct field *f = rules_field(r, field);
	struct memo *m;
	char *cur;
	size_t len = strlen(subject);
	int found;

	if (f == NULL)
		return xstrndup(subject, len);
	m = memo_slot(r, f, 1, subject, len, &found);
	if (found)
		return xstrdup(m->result);
	cur = rules_apply_all(r, f, subject, len);
	if (m != NULL)
		memo_keep(m, f, 1, subject, len, cur, NULL);
	return cur;
}

/* rules_classify() without the memo. */
static const char *
rules_classify_all(const struct rules *r, const struct field *f,
    const char *subject, size_t len)
{
	struct subject sj;
	pcre2_code *code;
	size_t i;
	int pass;

	subject_init(&sj, subject, len);
	/* The user's rules decide first: they are there to override. */
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < f->n; i++)
			if (f->v[i].user == pass &&
			    rule_match(r, &f->v[i], &sj, 0, &code))
				return f->v[i].value;
	return NULL;
}

const char *
rules_classify(const struct rules *r, const char *field, const char *subject)
{
	const struct field *f = rules_field(r, field);
	struct memo *m;
	const char *value;
	size_t len;
	int found;

	if (f == NULL)
		return NULL;
	len = strlen(subject);
	m = memo_slot(r, f, 0, subject, len, &found);
	if (found)
		return m->value;
	value = rules_classify_all(r, f, subject, len);
	if (m != NULL)
		memo_keep(m, f, 0, subject, len, NULL, value);
	return value;
}

/* Fill *m with the last match of rule ru. */
static void
match_fill(const struct rules *r, struct rule *ru, struct rules_match *m)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);

	/* With \K the match may start after it ends; keep start <= end. */
	m->start = ov[0] <= ov[1] ? ov[0] : ov[1];
	m->end = ov[1];
	m->value = ru->value;
	m->file = ru->file;
	m->line = ru->line;
	m->priv = ru;
	m->priv_md = r->md;
}

/* PCRE2 must not start inside a character: the next one's start. */
static size_t
char_start(const char *s, size_t len, size_t at)
{
	while (at < len && ((unsigned char)s[at] & 0xc0) == 0x80)
		at++;
	return at;
}

int
rules_match(const struct rules *r, const char *field, size_t idx,
    const char *subject, size_t len, size_t start, struct rules_match *m)
{
	const struct field *f = rules_field(r, field);
	struct subject sj;
	pcre2_code *code;

	if (f == NULL || idx >= f->n || start > len)
		return 0;
	subject_init(&sj, subject, len);
	if (!rule_match(r, &f->v[idx], &sj, char_start(subject, len, start),
	    &code))
		return 0;
	match_fill(r, &f->v[idx], m);
	return 1;
}

int
rules_match_from(const struct rules *r, const char *field, size_t *idx,
    const char *subject, size_t len, size_t start, struct rules_match *m)
{
	const struct field *f = rules_field(r, field);
	struct subject sj;
	pcre2_code *code;
	size_t i;

	if (f == NULL)
		return 0;
	subject_init(&sj, subject, len);
	for (i = *idx; i < f->n; i++) {
		if (i == *idx && start > len)
			continue;
		if (rule_match(r, &f->v[i], &sj, i == *idx ?
		    char_start(subject, len, start) : 0, &code)) {
			match_fill(r, &f->v[i], m);
			*idx = i;
			return 1;
		}
	}
	*idx = f->n;
	return 0;
}

/*
 * The callers ask for a score of field names after each match of a rule
 * that names two or three groups: its own name table, read once, is
 * searched in a line (pcre2_substring_nametable_scan() each time was 1%
 * of a long run).  A rule's thread owns it (rules_clone()).
 */
int
rules_group(const struct rules_match *m, const char *name, size_t *start,
    size_t *end)
{
	struct rule *ru = (struct rule *)m->priv;
	pcre2_match_data *md = (pcre2_match_data *)m->priv_md;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	uint32_t count = pcre2_get_ovector_count(md), i, n;
	PCRE2_SPTR e;

	if (ru->names_of != ru->last) {
		pcre2_pattern_info(ru->last, PCRE2_INFO_NAMECOUNT, &ru->names_n);
		pcre2_pattern_info(ru->last, PCRE2_INFO_NAMEENTRYSIZE,
		    &ru->names_size);
		pcre2_pattern_info(ru->last, PCRE2_INFO_NAMETABLE, &ru->names);
		ru->names_of = ru->last;
	}
	/* With (?J) a name may have several groups: the first that is set. */
	for (i = 0, e = ru->names; i < ru->names_n; i++, e += ru->names_size) {
		if (e[2] != (unsigned char)*name ||
		    strcmp((const char *)e + 2, name) != 0)
			continue;
		n = (uint32_t)(e[0] << 8 | e[1]);
		if (n < count && ov[2 * n] != PCRE2_UNSET) {
			*start = ov[2 * n];
			*end = ov[2 * n + 1];
			return 1;
		}
	}
	return 0;
}

/* --- compiled rules ----------------------------------------------------- */

/*
 * The file, its numbers little-endian, in three parts:
 *
 *	the head: RCACHE_MAGIC; PCRE2's version (its length, its text);
 *	    needles_signature(); the checksum of the rest of the head; the
 *	    number of entries, n; the length of the prefix; the index, n
 *	    entries of RCACHE_ENTRY bytes sorted by hash; the prefix.
 *	the texts: each entry's pattern, then its needles (needles_encode()).
 *	the codes: each entry's two (for Unicode, for ASCII subjects), each
 *	    as pcre2_serialize_encode() writes one code alone, less the
 *	    prefix that every such stream starts with.
 *
 * A stream holds PCRE2's character tables (1,088 bytes) before its code:
 * one stream for all the codes can only be decoded whole, and one stream
 * per code would hold them 600 times over (660 KB, three times the codes).
 * The bytes all the streams start with are kept once and put back in
 * front of a code before it is decoded: the very bytes PCRE2 wrote,
 * whatever they mean.
 *
 * A run maps the file and checks its head only (magic, version,
 * signature, checksum: some 20 KB); an entry's text when a rule is first
 * looked up (its pattern is compared with the rule's, its needles
 * summed), a code just before it is decoded, when its rule first needs
 * it.  pcre2_serialize_decode() trusts the bytes it is
 * given: a damaged code must never reach it.  A damaged entry is noted
 * (-v) and its rule compiled from its pattern.  The checksums are against
 * damage, not tampering: the file is as trusted as the rules beside it.
 */
#define RCACHE_MAGIC	"cv2bib compiled rules 4\n"
#define RCACHE_MAX	(64UL * 1024 * 1024)	/* a larger file is not one */

/* The fields of an index entry: where each is in its RCACHE_ENTRY bytes. */
#define RC_HASH		0	/* 8: rcache_hash() of options and pattern */
#define RC_OPTIONS	8	/* 4: pcre2_compile() options */
#define RC_TEXT		12	/* 4: where the pattern is, the needles after */
#define RC_PATLEN	16	/* 4 */
#define RC_NLEN		20	/* 4 */
#define RC_CODE		24	/* 4 + 4: where each code is (Unicode, ASCII) */
#define RC_CODELEN	32	/* 4 + 4 */
#define RC_NEEDLESUM	40	/* 8: rcache_sum() of the needles */
#define RC_CODESUM	48	/* 8 + 8 */
#define RCACHE_ENTRY	64

/* The key of a rule in the cache: its pattern and compile options. */
static uint64_t
rcache_hash(uint32_t options, const char *pattern, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ options, w;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, pattern + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)pattern[i]) * 0xc4ceb9fe1a85ec53ULL;
	return h ^ len;
}

/*
 * A checksum against damage: Fletcher's two running sums over 64-bit
 * words, mixed at the end.  Cheap, and it still sees a changed, moved,
 * lost or added word.
 */
static uint64_t
rcache_sum(const char *p, size_t len)
{
	uint64_t a = 1, b = 0, w;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		a += w;
		b += a;
	}
	for (; i < len; i++) {
		a += (unsigned char)p[i];
		b += a;
	}
	a ^= len;
	return (a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xff51afd7ed558ccdULL) ^
	    (b >> 29);
}

/* The little-endian numbers at p. */
static uint32_t
rd32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
	    (uint32_t)u[3] << 24;
}

static uint64_t
rd64(const char *p)
{
	return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static void
wr64(char *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (char)(v >> 8 * i & 0xff);
}

static void
put32(struct buf *b, uint32_t v)
{
	char c[8];

	wr64(c, v);
	buf_append(b, c, 4);
}

static void
put64(struct buf *b, uint64_t v)
{
	char c[8];

	wr64(c, v);
	buf_append(b, c, 8);
}

/* Read a 32-bit number at *p if it fits before end. */
static int
get32(const char **p, const char *end, uint32_t *v)
{
	if (end - *p < 4)
		return 0;
	*v = rd32(*p);
	*p += 4;
	return 1;
}

/* Take n bytes at *p if they fit before end. */
static int
get_bytes(const char **p, const char *end, size_t n, const char **at)
{
	if ((size_t)(end - *p) < n)
		return 0;
	*at = *p;
	*p += n;
	return 1;
}

static void
rcache_free(struct rcache *c)
{
	if (c == NULL)
		return;
	if (c->blob != NULL)
		munmap(c->blob, c->size);
	free(c->path);
	free(c);
}

/*
 * The bytes at..at+len of the file, or NULL if they are not all in it.
 * In size_t: a length from the file plus another cannot wrap.
 */
static const char *
rcache_bytes(const struct rcache *c, size_t at, size_t len)
{
	if (at > c->size || len > c->size - at)
		return NULL;
	return c->blob + at;
}

/* The index entry k. */
static const char *
rcache_entry(const struct rcache *c, size_t k)
{
	return c->index + k * RCACHE_ENTRY;
}

/*
 * Say once per file that an entry is damaged.  Copies of the set for other
 * threads share the file and find it out too, but only the set that read
 * the file says so: which copy finds it first, and so where the note
 * would come among the messages, changes from run to run.
 */
static void
rcache_damaged(const struct rules *r, const struct rule *ru)
{
	struct rcache *c = r->compiled;

	if (!r->compiled_own || c->noted)
		return;
	c->noted = 1;
	diag_msg(DIAG_NOTE, "%s: damaged (wrong checksum for the rule at "
	    "%s:%lu); rules with a damaged entry are compiled from their "
	    "patterns", c->path, ru->file, ru->line);
}

/* The first entry whose hash is not below h. */
static size_t
rcache_find(const struct rcache *c, uint64_t h)
{
	size_t lo = 0, hi = c->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rd64(rcache_entry(c, mid) + RC_HASH) < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The entry of rule ru in the set's file: its index + 1, or -1 if there is
 * none or its needles are damaged (noted).
 */
static long
rcache_lookup(const struct rules *r, const struct rule *ru)
{
	const struct rcache *c = r->compiled;
	uint64_t h = rcache_hash(ru->options, ru->pattern, ru->patlen);
	const char *e, *text;
	uint32_t nlen;
	size_t k;

	for (k = rcache_find(c, h); k < c->n; k++) {
		e = rcache_entry(c, k);
		if (rd64(e + RC_HASH) != h)
			break;
		if (rd32(e + RC_OPTIONS) != ru->options ||
		    rd32(e + RC_PATLEN) != ru->patlen)
			continue;
		/*
		 * The pattern is compared (another with the same hash, or a
		 * damaged one, is not this rule's), the needles summed.
		 */
		nlen = rd32(e + RC_NLEN);
		if ((text = rcache_bytes(c, rd32(e + RC_TEXT),
		    ru->patlen + (size_t)nlen)) == NULL ||
		    memcmp(text, ru->pattern, ru->patlen) != 0)
			continue;
		if (rcache_sum(text + ru->patlen, nlen) !=
		    rd64(e + RC_NEEDLESUM)) {
			rcache_damaged(r, ru);
			return -1;
		}
		return (long)k + 1;
	}
	return -1;
}

/* Where rule ru is in the set's cache, or -1; looked up once. */
static long
rule_cached(const struct rules *r, struct rule *ru)
{
	if (r->compiled == NULL)
		return -1;
	if (ru->cache_at == 0)
		ru->cache_at = rcache_lookup(r, ru);
	return ru->cache_at > 0 ? ru->cache_at - 1 : -1;
}

/* The needles of entry k (checked with its text, see rcache_lookup()). */
static const char *
rcache_needles(const struct rcache *c, size_t k, size_t *len)
{
	const char *e = rcache_entry(c, k);

	*len = rd32(e + RC_NLEN);
	return c->blob + rd32(e + RC_TEXT) + rd32(e + RC_PATLEN);
}

/*
 * Decode a code of entry k, for rule set r (which then owns it), once its
 * bytes are known to be as written; NULL if they are not.  The stream is
 * put together again in r->stream.
 */
static pcre2_code *
rcache_code(struct rules *r, size_t k, int ascii)
{
	const struct rcache *c = r->compiled;
	const char *e = rcache_entry(c, k), *p;
	uint32_t len = rd32(e + RC_CODELEN + 4 * ascii);
	pcre2_code *code;

	if ((p = rcache_bytes(c, rd32(e + RC_CODE + 4 * ascii), len)) == NULL)
		return NULL;
	/* Summed once copied: what is checked is what PCRE2 reads. */
	buf_reset(&r->stream);
	buf_append(&r->stream, c->prefix, c->plen);
	buf_append(&r->stream, p, len);
	if (rcache_sum(r->stream.s + c->plen, len) !=
	    rd64(e + RC_CODESUM + 8 * ascii))
		return NULL;
	if (pcre2_serialize_decode(&code, 1, (PCRE2_SPTR)r->stream.s,
	    NULL) != 1)
		return NULL;
	return code;
}

/*
 * Check the head of a mapped file and note where its parts are; 0, or -1
 * and *cause.
 */
static int
rcache_head(struct rcache *c, char **cause)
{
	const char *p = c->blob, *end = c->blob + c->size, *ver, *sum;
	uint32_t len, sig, n, plen;

	if (c->size < sizeof(RCACHE_MAGIC) - 1 ||
	    memcmp(p, RCACHE_MAGIC, sizeof(RCACHE_MAGIC) - 1) != 0) {
		xasprintf(cause, "%s: not a file of compiled rules", c->path);
		return -1;
	}
	p += sizeof(RCACHE_MAGIC) - 1;
	if (!get32(&p, end, &len) || !get_bytes(&p, end, len, &ver) ||
	    !get32(&p, end, &sig) || !get_bytes(&p, end, 8, &sum))
		goto bad;
	if (len != strlen(rules_library_version()) ||
	    memcmp(ver, rules_library_version(), len) != 0) {
		xasprintf(cause, "%s: made with PCRE2 %.*s, not %s", c->path,
		    (int)(len < 40 ? len : 40), ver, rules_library_version());
		return -1;
	}
	if (sig != needles_signature()) {
		xasprintf(cause, "%s: made by another build of cv2bib",
		    c->path);
		return -1;
	}
	if (!get32(&p, end, &n) || !get32(&p, end, &plen) ||
	    n > RCACHE_MAX / RCACHE_ENTRY ||
	    !get_bytes(&p, end, (size_t)n * RCACHE_ENTRY, &c->index) ||
	    !get_bytes(&p, end, plen, &c->prefix))
		goto bad;
	if (rd64(sum) != rcache_sum(sum + 8, (size_t)(p - sum - 8))) {
		xasprintf(cause, "%s: damaged (wrong checksum)", c->path);
		return -1;
	}
	c->n = n;
	c->plen = plen;
	return 0;
bad:
	xasprintf(cause, "%s: not a file of compiled rules this cv2bib reads",
	    c->path);
	return -1;
}

/*
 * The rules are to be looked up again, in another file: what they took
 * from this one goes (their needles read its bytes where they lie).
 */
static void
rules_forget_cached(struct rules *r)
{
	struct rule *ru;
	size_t i, k;

	for (i = 0; i < r->n; i++)
		for (k = 0; k < r->fields[i].n; k++) {
			ru = &r->fields[i].v[k];
			ru->cache_at = 0;
			needles_free(ru->needles);
			ru->needles = NULL;
			ru->needles_read = 0;
			ru->quick_n = 0;
		}
}

int
rules_cache_read(struct rules *r, const char *path, char **cause)
{
	struct rcache *c;
	struct stat st;
	void *map;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1) {
		if (errno == ENOENT)
			return 1;
		xasprintf(cause, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	/* Mapped, not read: its pages come from the page cache, uncopied. */
	if (fstat(fd, &st) == -1 || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > RCACHE_MAX ||
	    (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
	    0)) == MAP_FAILED) {
		xasprintf(cause, "%s: not a file of compiled rules", path);
		close(fd);
		return -1;
	}
	close(fd);
	c = xcalloc(1, sizeof(*c));
	c->blob = map;
	c->size = (size_t)st.st_size;
	c->path = xstrdup(path);
	if (rcache_head(c, cause) == -1) {
		rcache_free(c);
		return -1;
	}
	rules_forget_cached(r);
	if (r->compiled_own)
		rcache_free(r->compiled);
	r->compiled = c;
	r->compiled_own = 1;
	return 0;
}

/* A rule on its way into the file. */
struct rcache_out {
	uint64_t	 hash;
	struct rule	*ru;
	uint8_t		*stream[2];	/* pcre2_serialize_encode()'s */
	PCRE2_SIZE	 slen[2];
	uint32_t	 text_at, nlen;	/* in the texts */
	uint32_t	 code_at[2];	/* in the codes */
};

/* Order by hash, then so that rules alike lie side by side. */
static int
rcache_out_cmp(const void *a, const void *b)
{
	const struct rcache_out *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->ru->options != y->ru->options)
		return x->ru->options < y->ru->options ? -1 : 1;
	if (x->ru->patlen != y->ru->patlen)
		return x->ru->patlen < y->ru->patlen ? -1 : 1;
	return memcmp(x->ru->pattern, y->ru->pattern, x->ru->patlen);
}

/*
 * Every rule of the set compiled for Unicode and for ASCII subjects, each
 * pattern once, in the order of the index: into *out (the caller frees
 * it), their number in *n; -1 with *cause if one fails.
 */
static int
rcache_collect(struct rules *r, struct rcache_out **out, size_t *n,
    char **cause)
{
	struct rule *ru;
	char *msg;
	size_t i, k, total = 0;

	for (i = 0; i < r->n; i++)
		total += r->fields[i].n;
	*out = xcalloc(total + 1, sizeof(**out));
	*n = 0;
	for (i = 0; i < r->n; i++)
		for (k = 0; k < r->fields[i].n; k++) {
			ru = &r->fields[i].v[k];
			if ((ru->re == NULL &&
			    rule_compile(r, ru, 0, &msg) == NULL) ||
			    (ru->ascii == NULL &&
			    rule_compile(r, ru, 1, &msg) == NULL)) {
				xasprintf(cause, "%s:%lu: %s", ru->file,
				    ru->line, msg);
				free(msg);
				return -1;
			}
			(*out)[*n].ru = ru;
			(*out)[(*n)++].hash = rcache_hash(ru->options,
			    ru->pattern, ru->patlen);
		}
	qsort(*out, *n, sizeof(**out), rcache_out_cmp);
	for (i = k = 0; i < *n; i++)
		if (k == 0 || rcache_out_cmp(&(*out)[k - 1], &(*out)[i]) != 0)
			(*out)[k++] = (*out)[i];
	*n = k;
	return 0;
}

/*
 * Each code in a stream of its own; the length of the prefix they all
 * share, or 0 if PCRE2 cannot encode one.
 */
static size_t
rcache_encode(struct rcache_out *out, size_t n)
{
	const pcre2_code *code;
	size_t i, plen = SIZE_MAX, k;
	int a;

	for (i = 0; i < n; i++)
		for (a = 0; a < 2; a++) {
			code = a ? out[i].ru->ascii : out[i].ru->re;
			if (pcre2_serialize_encode(&code, 1, &out[i].stream[a],
			    &out[i].slen[a], NULL) != 1)
				return 0;
			if (plen == SIZE_MAX)
				plen = out[i].slen[a];
			for (k = 0; k < plen && k < out[i].slen[a] &&
			    out[i].stream[a][k] == out[0].stream[0][k]; k++)
				continue;
			plen = k;
		}
	return plen == SIZE_MAX ? 0 : plen;
}

/* The texts and the codes of the entries, where each goes in out[]. */
static void
rcache_bodies(struct rcache_out *out, size_t n, size_t plen,
    struct buf *texts, struct buf *codes)
{
	struct needles *nd;
	const struct rule *ru;
	size_t i, len;
	int a;

	for (i = 0; i < n; i++) {
		ru = out[i].ru;
		out[i].text_at = (uint32_t)texts->len;
		buf_append(texts, ru->pattern, ru->patlen);
		nd = needles_new(ru->pattern, ru->patlen,
		    (ru->options & PCRE2_CASELESS) != 0,
		    (ru->options & PCRE2_EXTENDED) != 0);
		len = texts->len;
		needles_encode(nd, texts);
		needles_free(nd);
		out[i].nlen = (uint32_t)(texts->len - len);
		for (a = 0; a < 2; a++) {
			out[i].code_at[a] = (uint32_t)codes->len;
			buf_append(codes, (const char *)out[i].stream[a] + plen,
			    out[i].slen[a] - plen);
		}
	}
}

/* One index entry; texts and codes start at the offsets given. */
static void
rcache_put_entry(struct buf *b, const struct rcache_out *o, size_t plen,
    const struct buf *texts, const struct buf *codes, size_t tbase,
    size_t cbase)
{
	const struct rule *ru = o->ru;
	int a;

	put64(b, o->hash);
	put32(b, ru->options);
	put32(b, (uint32_t)(tbase + o->text_at));
	put32(b, (uint32_t)ru->patlen);
	put32(b, o->nlen);
	for (a = 0; a < 2; a++)
		put32(b, (uint32_t)(cbase + o->code_at[a]));
	for (a = 0; a < 2; a++)
		put32(b, (uint32_t)(o->slen[a] - plen));
	put64(b, rcache_sum(buf_str(texts) + o->text_at + ru->patlen,
	    o->nlen));
	for (a = 0; a < 2; a++)
		put64(b, rcache_sum(buf_str(codes) + o->code_at[a],
		    o->slen[a] - plen));
}

/* The whole file, into b. */
static void
rcache_build(struct buf *b, struct rcache_out *out, size_t n, size_t plen)
{
	struct buf texts = BUF_INIT, codes = BUF_INIT;
	size_t i, sum_at, tbase;

	rcache_bodies(out, n, plen, &texts, &codes);
	buf_puts(b, RCACHE_MAGIC);
	put32(b, (uint32_t)strlen(rules_library_version()));
	buf_puts(b, rules_library_version());
	put32(b, needles_signature());
	sum_at = b->len;
	put64(b, 0);
	put32(b, (uint32_t)n);
	put32(b, (uint32_t)plen);
	tbase = b->len + n * RCACHE_ENTRY + plen;
	for (i = 0; i < n; i++)
		rcache_put_entry(b, &out[i], plen, &texts, &codes, tbase,
		    tbase + texts.len);
	buf_append(b, (const char *)out[0].stream[0], plen);
	wr64(b->s + sum_at, rcache_sum(b->s + sum_at + 8,
	    tbase - sum_at - 8));
	buf_append(b, buf_str(&texts), texts.len);
	buf_append(b, buf_str(&codes), codes.len);
	buf_free(&texts);
	buf_free(&codes);
}

/*
 * Write b to path whole or not at all, as -o writes; 0 or -1, *cause.  A
 * new file replaces the old by rename(): a run that has the old one
 * mapped goes on reading it as it was.
 */
static int
rcache_write_file(const struct buf *b, const char *path, char **cause)
{
	char *tmp;
	FILE *fp;
	int rc = 0, error = 0;

	if (b->len > RCACHE_MAX) {
		xasprintf(cause, "%s: too many rules to compile (%zu bytes)",
		    path, b->len);
		return -1;
	}
	xasprintf(&tmp, "%s.tmp", path);
	if ((fp = fopen(tmp, "wb")) == NULL)
		error = errno;
	else {
		if (fwrite(b->s, 1, b->len, fp) != b->len)
			error = errno != 0 ? errno : EIO;
		if (fclose(fp) == EOF && error == 0)
			error = errno != 0 ? errno : EIO;
		if (error == 0 && rename(tmp, path) == -1)
			error = errno;
		if (error != 0)
			(void)remove(tmp);
	}
	if (error != 0) {
		xasprintf(cause, "cannot write '%s': %s", path,
		    strerror(error));
		rc = -1;
	}
	free(tmp);
	return rc;
}

int
rules_cache_write(struct rules *r, const char *path, char **cause)
{
	struct buf b = BUF_INIT;
	struct rcache_out *out;
	size_t i, n, plen = 0;
	int rc = -1;

	if (rcache_collect(r, &out, &n, cause) == -1)
		goto done;
	if (n == 0 || (plen = rcache_encode(out, n)) == 0) {
		xasprintf(cause, "%s: no rules to compile", path);
		goto done;
	}
	rcache_build(&b, out, n, plen);
	rc = rcache_write_file(&b, path, cause);
done:
	for (i = 0; i < n; i++) {
		pcre2_serialize_free(out[i].stream[0]);
		pcre2_serialize_free(out[i].stream[1]);
	}
	free(out);
	buf_free(&b);
	return rc;
}

const char *
rules_library_version(void)
{
	static char v[64];

	if (v[0] == '\0')
		pcre2_config(PCRE2_CONFIG_VERSION, v);
	return v;
}
