/*
 * entry.h -- the in-memory bibliography entry that every stage shares.
 *
 * No writer's format leaks in here: fields are plain UTF-8 text as the
 * author of the CV meant it (no LaTeX escapes, no braces); each writer
 * translates.  An entry owns every string it points to; entry_free()
 * releases them all.  An entry_list owns its entries.
 */
#ifndef CV2BIB_ENTRY_H
#define CV2BIB_ENTRY_H

#include <stddef.h>

enum entry_type {
	TYPE_UNKNOWN = 0,	/* let the entry's own words decide */
	TYPE_ARTICLE,		/* journal article */
	TYPE_MAGAZINE,		/* article in a magazine or newsletter */
	TYPE_REVIEW,		/* review of a book */
	TYPE_CONFERENCE,	/* paper in conference proceedings */
	TYPE_WORKSHOP,		/* workshop paper */
	TYPE_ABSTRACT,		/* extended abstract */
	TYPE_POSTER,
	TYPE_DEMO,
	TYPE_PREPRINT,
	TYPE_REPORT,		/* technical report */
	TYPE_THESIS,		/* FIELD_GENRE says which degree */
	TYPE_BOOK,
	TYPE_EDITED_BOOK,	/* a book credited to its editors */
	TYPE_CHAPTER,
	TYPE_PATENT,
	TYPE_TALK,
	TYPE_SOFTWARE,
	TYPE_MISC,
	TYPE_NONE,		/* section heading only: not publications */
	TYPE__COUNT
};

/* Plain-text fields.  Names live in their own lists. */
enum field {
	FIELD_TITLE,
	FIELD_CONTAINER,	/* journal, proceedings, book of a chapter */
	FIELD_CONTAINER_SHORT,	/* acronym: "NSDI", "CoNEXT" */
	FIELD_COLLECTION,	/* series */
	FIELD_YEAR,
	FIELD_MONTH,		/* 1..12 as text */
	FIELD_DAY,
	FIELD_VOLUME,
	FIELD_ISSUE,
	FIELD_PAGES,		/* "12-34", "e1234", "12:1-12:20" */
	FIELD_EDITION,
	FIELD_PUBLISHER,
	FIELD_PLACE,
	FIELD_INSTITUTION,	/* report institution, thesis school */
	FIELD_NUMBER,		/* report number, patent application number */
	FIELD_GENRE,		/* "PhD thesis", "PCT Application", ... */
	FIELD_AUTHORITY,	/* patent jurisdiction: "WO", "US", "EP" */
	FIELD_DOI,
	FIELD_ARXIV,
	FIELD_URL,
	FIELD_ISBN,
	FIELD_STATUS,		/* "to appear", "accepted", "in press", ... */
	FIELD_NOTE,		/* awards, acceptance rates, other names */
	FIELD__COUNT
};

enum name_flag {
	NAME_SELF = 1 << 0,		/* set in bold/underline: the CV's owner */
	NAME_EQUAL = 1 << 1,		/* equal contribution mark */
	NAME_CORRESPONDING = 1 << 2,	/* corresponding author mark */
	NAME_LITERAL = 1 << 3,		/* an organisation: use literal only */
	NAME_EDITOR = 1 << 4		/* names_scan(): a role made it an editor */
};

struct name {
	char		*family;	/* "Maguire", "Kostić" */
	char		*given;		/* "Gerald Q." (may be NULL) */
	char		*particle;	/* "van der", "de la" (may be NULL) */
	char		*suffix;	/* "Jr.", "III" (may be NULL) */
	unsigned	 flags;		/* enum name_flag */
};

struct namelist {
	struct name	*v;
	size_t		 n;
	size_t		 cap;
	int		 etal;		/* list ended in "et al." */
};

struct entry {
	enum entry_type	 type;
	char		*f[FIELD__COUNT];	/* NULL when absent */
	struct namelist	 authors;	/* inventors for a patent */
	struct namelist	 editors;
	char		*key;		/* citation key (keys stage) */
	char		*label;		/* the CV's own label: "C1", "12" */
	const char	*file;		/* input name, borrowed from main */
	unsigned long	 line;		/* first line of the entry */
	unsigned long	 last_line;	/* last line of the entry */
};

struct entry_list {
	struct entry	**v;
	size_t		  n;
	size_t		  cap;
};

struct entry	*entry_new(void);
void		 entry_free(struct entry *);

/* Set a field; _take hands over an allocated string, set copies. */
void		 entry_set(struct entry *, enum field, const char *);
void		 entry_set_take(struct entry *, enum field, char *);
const char	*entry_get(const struct entry *, enum field);
/* Append text to FIELD_NOTE, separated by "; ". */
void		 entry_add_note(struct entry *, const char *);

/* The new name is zeroed; its strings belong to the list. */
struct name	*namelist_add(struct namelist *);
void		 namelist_clear(struct namelist *);
void		 name_clear(struct name *);

void		 entry_list_init(struct entry_list *);
void		 entry_list_add(struct entry_list *, struct entry *); /* takes */
void		 entry_list_clear(struct entry_list *);	/* frees the entries */

const char	*entry_type_name(enum entry_type);	/* "conference" ... */
enum entry_type	 entry_type_from_name(const char *);	/* TYPE__COUNT if none */
const char	*entry_field_name(enum field);		/* "title" ... */
enum field	 entry_field_from_name(const char *);	/* FIELD__COUNT if none */

#endif
