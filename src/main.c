/*
 * main.c -- cv2bib: the publication lists of a CV as a bibliography.
 *
 * Parses the command line into a struct run_opts and hands it to run().
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "out_csl.h"
#include "rules.h"
#include "run.h"
#include "write.h"
#include "xmalloc.h"

enum {
	OPT_CHECK = 256,
	OPT_DEDUP,
	OPT_COMPILE_RULES,
	OPT_LATEX,
	OPT_STRICT
};

static char progname[] = "cv2bib";

static const struct option longopts[] = {
	{ "format",	required_argument,	NULL,	'f' },
	{ "output",	required_argument,	NULL,	'o' },
	{ "check",	no_argument,		NULL,	OPT_CHECK },
	{ "input",	required_argument,	NULL,	'i' },
	{ "rules",	required_argument,	NULL,	'r' },
	{ "compile-rules", required_argument,	NULL,	OPT_COMPILE_RULES },
	{ "latex",	no_argument,		NULL,	OPT_LATEX },
	{ "dedup",	no_argument,		NULL,	OPT_DEDUP },
	{ "strict",	no_argument,		NULL,	OPT_STRICT },
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "verbose",	no_argument,		NULL,	'v' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "version",	no_argument,		NULL,	'V' },
	{ NULL,		0,			NULL,	0 }
};

/* Print the help: the options, then the formats this build can write. */
static void
usage(FILE *fp)
{
	int f;

	fputs("Usage: cv2bib [OPTION]... [FILE]...\n"
	    "Read the publication and patent lists of CVs (plain text, "
	    "Markdown, HTML,\nLaTeX) and write them as a bibliography.  With "
	    "no FILE, or when FILE is -,\nread standard input.\n\n"
	    "  -f, --format=FMT   output format (see below; default bibtex)\n"
	    "  -o, --output=FILE  write FILE atomically; its extension chooses "
	    "the format\n"
	    "                     when -f is not given; an unchanged FILE is "
	    "not touched\n"
	    "      --check        with -o: write nothing, exit 1 if FILE is "
	    "out of date\n"
	    "  -i, --input=MARKUP text, markdown, html or latex (default: "
	    "detect)\n"
	    "  -r, --rules=FILE   also apply the rules in FILE (repeatable)\n"
	    "      --compile-rules=FILE\n"
	    "                     compile the installed rules into FILE and "
	    "exit (make\n"
	    "                     install does it; FILE: "
	    RUN_COMPILED_RULES " beside them)\n"
	    "      --latex        LaTeX-escape non-ASCII characters in "
	    "BibTeX/BibLaTeX\n"
	    "      --dedup        drop an entry that repeats an earlier one "
	    "(reported\n                     either way)\n"
	    "      --strict       treat warnings as errors (exit 1, write "
	    "nothing)\n"
	    "  -q, --quiet        do not print warnings\n"
	    "  -v, --verbose      explain how entries were parsed "
	    "(repeatable)\n"
	    "  -h, --help         print this help and exit\n"
	    "  -V, --version      print the version and exit\n\n"
	    "Formats:\n", fp);
	for (f = 0; f < FORMAT__COUNT; f++)
		if (format_available((enum format)f))
			fprintf(fp, "  %-12s %s\n", format_name((enum format)f),
			    format_description((enum format)f));
	fputs("\nExit status: 0 written; 1 problems in the input, warnings "
	    "with --strict,\nor --check found FILE out of date; 2 usage or "
	    "system error.\n"
	    "The rules are read from $CV2BIB_DATADIR, else " DATADIR ".\n"
	    "See cv2bib(1).\n", fp);
}

/* Report a usage error; returns the exit status for it. */
static int __attribute__((format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("cv2bib: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'cv2bib --help'.\n", stderr);
	return EXIT_USAGE;
}

/* Print the version of cv2bib and of the libraries it was built with. */
static void
version(void)
{
	printf("cv2bib %s\nwith libbibutils, PCRE2 %s, jansson %s\n",
	    PACKAGE_VERSION, rules_library_version(),
	    out_csl_library_version());
}

/* Parse the options into *o; -1 to exit 0 (help), or an exit status. */
static int
parse_options(int argc, char **argv, struct run_opts *o, const char ***rules)
{
	size_t nrules = 0;
	int c, have_format = 0, verbosity = 0;

	while ((c = getopt_long(argc, argv, "f:o:i:r:qvhV", longopts, NULL))
	    != -1) {
		switch (c) {
		case 'f':
			o->format = format_from_name(optarg);
			if (o->format == FORMAT__COUNT ||
			    !format_available(o->format))
				return usage_error("unknown format '%s'",
				    optarg);
			have_format = 1;
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_CHECK:
			o->check = 1;
			break;
		case 'i':
			if ((int)(o->markup = markup_from_name(optarg)) == -1)
				return usage_error("unknown markup '%s' (text, "
				    "markdown, html, latex)", optarg);
			break;
		case 'r':
			*rules = xreallocarray(*rules, nrules + 2,
			    sizeof(**rules));
			(*rules)[nrules++] = optarg;
			(*rules)[nrules] = NULL;
			break;
		case OPT_COMPILE_RULES:
			o->compile_rules = optarg;
			break;
		case OPT_LATEX:
			o->latex = 1;
			break;
		case OPT_DEDUP:
			o->dedup = 1;
			break;
		case OPT_STRICT:
			o->strict = 1;
			break;
		case 'q':
			verbosity = -1;
			break;
		case 'v':
			verbosity = verbosity < 0 ? 1 : verbosity + 1;
			break;
		case 'h':
			usage(stdout);
			return -1;
		case 'V':
			version();
			return -1;
		default:
			fputs("Try 'cv2bib --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (o->output != NULL && *o->output == '\0')
		return usage_error("-o needs a file name");
	if (o->output != NULL && strcmp(o->output, "-") == 0)
		o->output = NULL;
	if (o->check && o->output == NULL)
		return usage_error("--check needs -o FILE");
	if (!have_format && o->output != NULL) {
		o->format = format_from_path(o->output);
		if (o->format == FORMAT__COUNT)
			o->format = FORMAT_BIBTEX;
	}
	diag_set_verbosity(verbosity);
	/* argc is 0 when a program runs us with an empty argv. */
	o->inputs = argv + (optind < argc ? optind : argc);
	o->rules = *rules;
	return EXIT_OK;
}

int
main(int argc, char **argv)
{
	struct run_opts o;
	const char **rules = NULL;
	int status;

	/* getopt_long() names the program after argv[0] in its messages. */
	if (argc > 0)
		argv[0] = progname;
	memset(&o, 0, sizeof(o));
	o.format = FORMAT_BIBTEX;
	o.markup = MARKUP_AUTO;
	o.datadir = getenv("CV2BIB_DATADIR");
	if (o.datadir == NULL || *o.datadir == '\0')
		o.datadir = DATADIR;
	status = parse_options(argc, argv, &o, &rules);
	if (status == EXIT_OK)
		status = run(&o);
	else if (status == -1)
		status = EXIT_OK;
	free(rules);
	if (fclose(stdout) == EOF && status == EXIT_OK) {
		diag_msg(DIAG_FATAL, "write error: %s", strerror(errno));
		status = EXIT_USAGE;
	}
	return status;
}
