/*
 * run.h -- one run of the pipeline, from the options main() parsed.
 *
 *	read -> clean -> section -> split -> fields -> norm -> keys -> write
 *
 * run() reads the inputs in order, streams the entries to the writer in
 * batches and commits the output only if nothing went wrong.
 */
#ifndef CV2BIB_RUN_H
#define CV2BIB_RUN_H

#include "write.h"

enum markup {
	MARKUP_AUTO = 0,	/* detect from the extension, then the content */
	MARKUP_TEXT,
	MARKUP_MARKDOWN,
	MARKUP_HTML,
	MARKUP_LATEX
};

struct run_opts {
	char		**inputs;	/* NULL-terminated; none: standard input */
	const char	 *output;	/* -o FILE, or NULL for standard output */
	enum format	  format;	/* -f, or from -o's extension */
	enum markup	  markup;	/* -i, --input */
	const char	**rules;	/* -r FILE..., NULL-terminated */
	const char	 *datadir;	/* installed rules: $CV2BIB_DATADIR or DATADIR */
	const char	 *compile_rules; /* --compile-rules FILE: only that */
	int		  check;	/* --check */
	int		  dedup;	/* --dedup */
	int		  strict;	/* --strict */
	int		  latex;	/* --latex */
};

/* The compiled rules, in the directory of the installed ones. */
#define RUN_COMPILED_RULES	"rules.compiled"

/* Exit statuses (see cv2bib(1), EXIT STATUS). */
enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,		/* bad input, --strict warnings, --check stale */
	EXIT_USAGE = 2		/* usage or system error */
};

/* Run the pipeline; returns the exit status. */
int		run(const struct run_opts *);

enum markup	markup_from_name(const char *);	/* -1 if none */

#endif
