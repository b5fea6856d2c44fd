/*
 * rules.h -- regular-expression rules kept in the data directory (PCRE2).
 *
 * A rules file is a list of lines
 *
 *	FIELD  /PATTERN/FLAGS  REPLACEMENT
 *
 * FIELD names the set the rule belongs to ("venue", "section", ...).
 * PATTERN is a PCRE2 pattern between two copies of a delimiter, the first
 * non-blank character after FIELD (usually "/"; write "\/" for a slash
 * inside).  FLAGS are letters: i (caseless), x (extended), s (dotall),
 * g (replace every match, not only the first).  REPLACEMENT is the rest of
 * the line, blanks trimmed; it may be written in double quotes to keep
 * blanks or to be empty ("").  It uses pcre2_substitute() syntax: $1,
 * ${name}, $$, and \n-style escapes; a group that did not take part
 * expands to nothing.  Blank lines and lines starting with
 * "#" are ignored.  Patterns are compiled once (when loaded, or when
 * first used, see rules_lazy()), with UTF and UCP, and JIT-compiled where
 * PCRE2 supports it once used often.
 *
 * The rules of one FIELD apply in the order they were loaded: installed
 * files first, then the user's (-r), so a user rule can refine the result
 * of an installed one.  Where the first match decides (rules_classify()),
 * the user's rules are tried first, so that they can override.
 *
 * A FIELD argument is a name whose text does not change while the rules
 * live (a string literal, or a static table's): a set finds a field by
 * the name's address once it has seen it.
 */
#ifndef CV2BIB_RULES_H
#define CV2BIB_RULES_H

#include <stddef.h>

struct rules;

/* A match of one rule: offsets into the subject, and the rule's value. */
struct rules_match {
	size_t		 start, end;	/* the whole match */
	const char	*value;		/* the rule's REPLACEMENT, unexpanded */
	const char	*file;		/* where the rule was written */
	unsigned long	 line;
	const void	*priv, *priv_md;	/* for rules_group() */
};

struct rules	*rules_new(void);
void		 rules_free(struct rules *);

/*
 * Load a file and append its rules.  On error returns -1 and sets *cause
 * (the caller frees it) to "FILE:LINE: message", with PCRE2's own message
 * and the offset for a bad pattern.
 */
int		 rules_load_file(struct rules *, const char *path, char **cause);
/* The same from a string; name is used in messages.  For the tests. */
int		 rules_load_string(struct rules *, const char *name,
		    const char *text, char **cause);

/*
 * A copy of the set, for another thread: the rules of a set keep their
 * match state (match data, compilations made when first used), so one set
 * serves one thread at a time.  The copy compiles its patterns at first
 * use, and JIT-compiles them sooner, as its thread is there for a long
 * input.  It shares the text of the rules and the compiled rules
 * (rules_cache_read()) of the set, read only: the caller frees it with
 * rules_free() before the set.
 */
struct rules	*rules_clone(const struct rules *);

/* The rules loaded from now on are the user's (see rules_classify()). */
void		 rules_user_mode(struct rules *);

/*
 * With lazy set, the rules loaded from now on are compiled when first
 * needed, not when loaded: a short run then compiles only the few it
 * uses.  A bad pattern is then found at its first use, reported as a
 * warning, and the rule is ignored; so only rules known to compile (the
 * installed ones, which the tests compile) should be loaded lazily.
 */
void		 rules_lazy(struct rules *, int lazy);

/* How many rules FIELD has. */
size_t		 rules_count(const struct rules *, const char *field);

/*
 * 0 if no rule of FIELD can match a subject that starts with the byte c
 * (then rules_classify() of such a subject returns NULL), else 1: a
 * cheap filter for a caller that classifies many words, worked out from
 * the rules loaded, the user's too.
 */
int		 rules_may_start(const struct rules *, const char *field,
		    unsigned char c);

/*
 * Apply every rule of FIELD in turn, each to the result of the one before,
 * and return the result (the caller frees it).  A rule that does not match
 * leaves the text as it is.
 */
char		*rules_apply(const struct rules *, const char *field,
		    const char *subject);

/*
 * The first rule of FIELD whose pattern matches somewhere in the subject;
 * its REPLACEMENT is returned (borrowed from the rules), or NULL when none
 * matches.  Used for classification ("section": heading -> type).
 */
const char	*rules_classify(const struct rules *, const char *field,
		    const char *subject);

/*
 * Match rule number idx (0 .. rules_count()-1) of FIELD against
 * subject[0..len), starting the search at offset start.  Returns 1 and fills
 * *m on a match, 0 when there is none.  Its groups (rules_group()) can be
 * read until the next call of any function of the same rules set.
 */
int		 rules_match(const struct rules *, const char *field,
		    size_t idx, const char *subject, size_t len, size_t start,
		    struct rules_match *m);

/*
 * The first rule of FIELD from number *idx on that matches subject[0..len):
 * rule *idx searches from offset start, the later ones from the start.
 * Returns 1, the rule's number in *idx and the match in *m as
 * rules_match() does; 0 when none matches.  Cheaper than rules_match() in
 * a loop: the subject is looked at once.
 */
int		 rules_match_from(const struct rules *, const char *field,
		    size_t *idx, const char *subject, size_t len, size_t start,
		    struct rules_match *m);

/*
 * The offsets of the named group of the last match *m; 1 if the group took
 * part in the match, 0 if not (or the pattern has no such group).
 */
int		 rules_group(const struct rules_match *, const char *name,
		    size_t *start, size_t *end);

/*
 * Compiled rules.  rules_cache_write() compiles every rule of the set and
 * works out its needles (see needles.h), and writes them to path (whole,
 * or not at all: a new file replaces the old by rename()).
 * rules_cache_read() lets the set use such a file: a rule found in it with
 * the same pattern and flags is not compiled again.  The file holds
 * PCRE2's own compiled form, which only the same PCRE2 version reads.  It
 * is mapped, and each part checked when a rule first needs it: a damaged
 * part is noted (-v) and its rule compiled.  So the file must not be
 * rewritten in place while a run has it (replace it, as make install
 * does), and it is as trusted as the rules beside it: the checks find
 * damage, not a file made to deceive them.  rules_cache_read() must not
 * be called on a set that has copies (rules_clone()): they use its file.
 * Both return 0, or -1 and *cause (the caller frees it); a file that
 * cannot be used is not used, and changes nothing.  rules_cache_read()
 * returns 1 if there is no such file.
 */
int		 rules_cache_write(struct rules *, const char *path,
		    char **cause);
int		 rules_cache_read(struct rules *, const char *path,
		    char **cause);

/* PCRE2's version, for --version. */
const char	*rules_library_version(void);

#endif
