/*
 * rules.c -- regular-expression rules kept in data/ (see rules.h).
 *
 * The only module that includes <pcre2.h>.  Rules are grouped by FIELD in
 * load order; each keeps its compiled pattern and its own match data, so a
 * match needs no allocation.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "rules.h"
#include "xmalloc.h"

struct rule {
	pcre2_code		*re;
	pcre2_match_data	*md;
	char			*value;
	char			*file;
	unsigned long		 line;
	int			 global;
	int			 warned;	/* a run-time error was reported */
	int			 user;		/* loaded after rules_user_mode() */
	unsigned		 uses;		/* matches tried, until JIT */
};

/*
 * JIT compilation costs more than a few hundred interpreted matches: a
 * rule is JIT-compiled once it has been used this often, so a short CV
 * starts fast and a long one runs fast.
 */
#define RULES_JIT_AFTER	256

struct field {
	char		*name;
	struct rule	*v;
	size_t		 n, cap;
};

#define RULES_CACHE	16	/* field names looked up by address */

struct rules {
	struct field	*fields;
	size_t		 n, cap;
	int		 user;		/* rules loaded now are the user's */
	/*
	 * The stages pass field names as string literals, many times an
	 * entry: remember where each name's rules are by its address.
	 */
	struct {
		const char	*name;
		size_t		 index;
	} cache[RULES_CACHE];
};

struct rules *
rules_new(void)
{
	return xcalloc(1, sizeof(struct rules));
}

void
rules_free(struct rules *r)
{
	size_t i, k;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		for (k = 0; k < r->fields[i].n; k++) {
			struct rule *ru = &r->fields[i].v[k];

			pcre2_match_data_free(ru->md);
			pcre2_code_free(ru->re);
			free(ru->value);
			free(ru->file);
		}
		free(r->fields[i].v);
		free(r->fields[i].name);
	}
	free(r->fields);
	free(r);
}

static struct field *
rules_field(const struct rules *r, const char *name)
{
	struct rules *rw = (struct rules *)r;	/* the cache only */
	size_t i, slot = ((uintptr_t)name >> 3) % RULES_CACHE;

	/* One comparison confirms the address still names the field. */
	if (r->cache[slot].name == name &&
	    strcmp(r->fields[r->cache[slot].index].name, name) == 0)
		return &r->fields[r->cache[slot].index];
	for (i = 0; i < r->n; i++)
		if (strcmp(r->fields[i].name, name) == 0) {
			rw->cache[slot].name = name;
			rw->cache[slot].index = i;
			return &r->fields[i];
		}
	return NULL;
}

static struct field *
rules_field_add(struct rules *r, const char *name)
{
	struct field *f = rules_field(r, name);

	if (f != NULL)
		return f;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->fields = xreallocarray(r->fields, r->cap, sizeof(*r->fields));
	}
	f = &r->fields[r->n++];
	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	return f;
}

/* One parsed line before it is compiled. */
struct rule_text {
	char		*field;
	struct buf	 pattern;
	char		*value;
	uint32_t	 options;
	int		 global;
};

/* Read the quoted replacement at p; NULL and *err on a syntax error. */
static char *
parse_quoted(const char *p, const char **err)
{
	struct buf b = BUF_INIT;

	for (p++; *p != '\0' && *p != '"'; p++) {
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		buf_putc(&b, *p);
	}
	if (*p != '"') {
		buf_free(&b);
		*err = "missing closing quote";
		return NULL;
	}
	for (p++; *p == ' ' || *p == '\t'; p++)
		continue;
	if (*p != '\0' && *p != '#') {
		buf_free(&b);
		*err = "text after the closing quote";
		return NULL;
	}
	return buf_take(&b);
}

/*
 * Split a line into its parts.  Returns 1 for a rule, 0 for a blank or
 * comment line, -1 with *err set (a static message) or *errbuf filled.
 */
static int
parse_line(char *s, struct rule_text *rt, const char **err, char *errbuf,
    size_t errsize)
{
	char *p = s, delim, *f;
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == '#')
		return 0;
	if (!islower((unsigned char)*p)) {
		*err = "a rule starts with a field name";
		return -1;
	}
	for (f = p; islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
	    *p == '-' || *p == '_'; p++)
		continue;
	if (*p != ' ' && *p != '\t') {
		*err = "a field name is made of a-z, 0-9, - and _";
		return -1;
	}
	*p++ = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || isalnum((unsigned char)*p) || *p == '\\') {
		*err = "missing pattern";
		return -1;
	}
	delim = *p++;
	buf_init(&rt->pattern);
	for (; *p != '\0' && *p != delim; p++) {
		if (*p == '\\' && p[1] != '\0')
			buf_putc(&rt->pattern, *p++);
		buf_putc(&rt->pattern, *p);
	}
	if (*p != delim) {
		snprintf(errbuf, errsize, "missing closing delimiter \"%c\"",
		    delim);
		buf_free(&rt->pattern);
		return -1;
	}
	rt->options = PCRE2_UTF | PCRE2_UCP;
	rt->global = 0;
	for (p++; *p != '\0' && *p != ' ' && *p != '\t'; p++) {
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
			snprintf(errbuf, errsize, "unknown flag '%c'", *p);
			buf_free(&rt->pattern);
			return -1;
		}
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"') {
		if ((rt->value = parse_quoted(p, err)) == NULL) {
			buf_free(&rt->pattern);
			return -1;
		}
	} else {
		n = strlen(p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		rt->value = xstrndup(p, n);
	}
	rt->field = f;
	return 1;
}

/* Compile a parsed rule into the set; -1 with *cause on a bad pattern. */
static int
rules_add(struct rules *r, struct rule_text *rt, const char *name,
    unsigned long line, char **cause)
{
	struct field *f;
	struct rule ru;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int code;

	memset(&ru, 0, sizeof(ru));
	ru.re = pcre2_compile((PCRE2_SPTR)buf_str(&rt->pattern),
	    rt->pattern.len, rt->options, &code, &off, NULL);
	if (ru.re == NULL) {
		pcre2_get_error_message(code, msg, sizeof(msg));
		xasprintf(cause, "%s:%lu: bad pattern at offset %zu: %s", name,
		    line, (size_t)off, (const char *)msg);
		return -1;
	}
	ru.md = pcre2_match_data_create_from_pattern(ru.re, NULL);
	if (ru.md == NULL) {
		fputs("cv2bib: out of memory\n", stderr);
		exit(2);
	}
	ru.value = rt->value;
	rt->value = NULL;
	ru.user = r->user;
	ru.file = xstrdup(name);
	ru.line = line;
	ru.global = rt->global;
	f = rules_field_add(r, rt->field);
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->v = xreallocarray(f->v, f->cap, sizeof(*f->v));
	}
	f->v[f->n++] = ru;
	return 0;
}

/*
 * Load into a scratch set first, so that a file with an error adds
 * nothing: then move the rules over.
 */
static void
rules_merge(struct rules *to, struct rules *from)
{
	size_t i, k;

	for (i = 0; i < from->n; i++) {
		struct field *src = &from->fields[i];
		struct field *dst = rules_field_add(to, src->name);

		for (k = 0; k < src->n; k++) {
			if (dst->n == dst->cap) {
				dst->cap = dst->cap ? dst->cap * 2 : 8;
				dst->v = xreallocarray(dst->v, dst->cap,
				    sizeof(*dst->v));
			}
			dst->v[dst->n++] = src->v[k];
		}
		src->n = 0;
	}
	rules_free(from);
}

void
rules_user_mode(struct rules *r)
{
	r->user = 1;
}

int
rules_load_string(struct rules *r, const char *name, const char *text,
    char **cause)
{
	struct rules *tmp = rules_new();
	struct rule_text rt;
	char *copy = xstrdup(text), *line = copy, *nl, errbuf[64];

	tmp->user = r->user;
	const char *err;
	unsigned long lineno = 0;
	size_t n;
	int rc;

	for (; line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		n = strlen(line);
		if (n > 0 && line[n - 1] == '\r')
			line[n - 1] = '\0';
		lineno++;
		err = NULL;
		errbuf[0] = '\0';
		rc = parse_line(line, &rt, &err, errbuf, sizeof(errbuf));
		if (rc == 0)
			continue;
		if (rc == -1) {
			xasprintf(cause, "%s:%lu: %s", name, lineno,
			    err != NULL ? err : errbuf);
			goto fail;
		}
		rc = rules_add(tmp, &rt, name, lineno, cause);
		buf_free(&rt.pattern);
		free(rt.value);
		if (rc == -1)
			goto fail;
	}
	free(copy);
	rules_merge(r, tmp);
	return 0;
fail:
	free(copy);
	rules_free(tmp);
	return -1;
}

int
rules_load_file(struct rules *r, const char *path, char **cause)
{
	struct buf b = BUF_INIT;
	char chunk[8192];
	FILE *fp;
	size_t n;
	int rc;

	if ((fp = fopen(path, "r")) == NULL) {
		xasprintf(cause, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&b, chunk, n);
	if (ferror(fp)) {
		xasprintf(cause, "cannot read '%s': %s", path, strerror(errno));
		fclose(fp);
		buf_free(&b);
		return -1;
	}
	fclose(fp);
	if (memchr(buf_str(&b), '\0', b.len) != NULL) {
		xasprintf(cause, "%s: not a text file", path);
		buf_free(&b);
		return -1;
	}
	rc = rules_load_string(r, path, buf_str(&b), cause);
	buf_free(&b);
	return rc;
}

size_t
rules_count(const struct rules *r, const char *field)
{
	const struct field *f = rules_field(r, field);

	return f != NULL ? f->n : 0;
}

/* Count a use; JIT-compile a rule that is used often. */
static void
rule_use(struct rule *ru)
{
	/* JIT is an optimisation: without it, PCRE2 interprets. */
	if (ru->uses < RULES_JIT_AFTER && ++ru->uses == RULES_JIT_AFTER)
		(void)pcre2_jit_compile(ru->re, PCRE2_JIT_COMPLETE);
}

static int
rule_match(struct rule *ru, const char *s, size_t len, size_t start)
{
	rule_use(ru);
	return pcre2_match(ru->re, (PCRE2_SPTR)s, len, start,
	    PCRE2_NO_UTF_CHECK, ru->md, NULL) >= 0;
}

/* Apply one rule to s; a new string, or NULL if it did not apply. */
static char *
rule_substitute(struct rule *ru, const char *s)
{
	size_t len = strlen(s);
	PCRE2_SIZE size = len + strlen(ru->value) + 64;
	uint32_t opts = PCRE2_SUBSTITUTE_EXTENDED | PCRE2_NO_UTF_CHECK |
	    PCRE2_SUBSTITUTE_OVERFLOW_LENGTH | PCRE2_SUBSTITUTE_MATCHED;
	char *out;
	int rc;

	if (ru->global)
		opts |= PCRE2_SUBSTITUTE_GLOBAL;
	/* Match first: most rules do not apply, and then cost no copy. */
	if (!rule_match(ru, s, len, 0))
		return NULL;
	for (;;) {
		out = xmalloc(size);
		rc = pcre2_substitute(ru->re, (PCRE2_SPTR)s, len, 0, opts,
		    ru->md, NULL, (PCRE2_SPTR)ru->value, PCRE2_ZERO_TERMINATED,
		    (PCRE2_UCHAR *)out, &size);
		if (rc != PCRE2_ERROR_NOMEMORY)
			break;
		free(out);	/* size now holds the length needed */
		/*
		 * A global substitution has moved the match data past the
		 * first match: let PCRE2 match again from the start.
		 */
		opts &= ~(uint32_t)PCRE2_SUBSTITUTE_MATCHED;
	}
	if (rc < 0) {
		PCRE2_UCHAR msg[256];

		if (!ru->warned) {
			pcre2_get_error_message(rc, msg, sizeof(msg));
			diag_msg(DIAG_WARNING, "%s:%lu: replacement failed: %s",
			    ru->file, ru->line, (const char *)msg);
			ru->warned = 1;
		}
		free(out);
		return NULL;
	}
	return out;
}

char *
rules_apply(const struct rules *r, const char *field, const char *subject)
{
	const struct field *f = rules_field(r, field);
	char *cur = xstrdup(subject), *next;
	size_t i;

	for (i = 0; f != NULL && i < f->n; i++)
		if ((next = rule_substitute(&f->v[i], cur)) != NULL) {
			free(cur);
			cur = next;
		}
	return cur;
}

const char *
rules_classify(const struct rules *r, const char *field, const char *subject)
{
	const struct field *f = rules_field(r, field);
	size_t i, len = strlen(subject);
	int pass;

	/* The user's rules decide first: they are there to override. */
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; f != NULL && i < f->n; i++)
			if (f->v[i].user == pass &&
			    rule_match(&f->v[i], subject, len, 0))
				return f->v[i].value;
	return NULL;
}

int
rules_match(const struct rules *r, const char *field, size_t idx,
    const char *subject, size_t len, size_t start, struct rules_match *m)
{
	const struct field *f = rules_field(r, field);
	struct rule *ru;
	PCRE2_SIZE *ov;

	if (f == NULL || idx >= f->n || start > len)
		return 0;
	ru = &f->v[idx];
	if (!rule_match(ru, subject, len, start))
		return 0;
	ov = pcre2_get_ovector_pointer(ru->md);
	/* With \K the match may start after it ends; keep start <= end. */
	m->start = ov[0] <= ov[1] ? ov[0] : ov[1];
	m->end = ov[1];
	m->value = ru->value;
	m->file = ru->file;
	m->line = ru->line;
	m->priv = ru;
	return 1;
}

int
rules_group(const struct rules_match *m, const char *name, size_t *start,
    size_t *end)
{
	const struct rule *ru = m->priv;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ru->md);
	int n = pcre2_substring_number_from_name(ru->re, (PCRE2_SPTR)name);

	if (n <= 0 || (uint32_t)n >= pcre2_get_ovector_count(ru->md) ||
	    ov[2 * n] == PCRE2_UNSET)
		return 0;
	*start = ov[2 * n];
	*end = ov[2 * n + 1];
	return 1;
}

const char *
rules_library_version(void)
{
	static char v[64];

	if (v[0] == '\0')
		pcre2_config(PCRE2_CONFIG_VERSION, v);
	return v;
}
