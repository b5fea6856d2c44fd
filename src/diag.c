/*
 * diag.c -- diagnostics (see diag.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

static FILE		*diag_out;
static int		 diag_verbose;
static enum diag_level	 diag_max = DIAG_OK;
static unsigned long	 diag_counts[DIAG_FATAL + 1];

static const char *const diag_names[] = {
	"", "note", "warning", "error", "error"
};

void
diag_set_output(FILE *fp)
{
	diag_out = fp;
}

void
diag_set_verbosity(int v)
{
	diag_verbose = v;
}

int
diag_verbosity(void)
{
	return diag_verbose;
}

/* Forget the levels seen so far (the unit tests run many cases). */
void
diag_reset(void)
{
	int i;

	diag_max = DIAG_OK;
	for (i = 0; i <= DIAG_FATAL; i++)
		diag_counts[i] = 0;
}

enum diag_level
diag_worst(void)
{
	return diag_max;
}

unsigned long
diag_count(enum diag_level level)
{
	return diag_counts[level];
}

/*
 * Count the message and say whether it is to be printed: notes only with
 * -v, warnings not with -q; errors always.
 */
static int
diag_record(enum diag_level level)
{
	diag_counts[level]++;
	if (level > diag_max && level != DIAG_NOTE)
		diag_max = level;
	if (level == DIAG_NOTE)
		return diag_verbose > 0;
	if (level == DIAG_WARNING)
		return diag_verbose >= 0;
	return 1;
}

void
diag_at(enum diag_level level, const char *file, unsigned long line,
    const char *fmt, ...)
{
	FILE *fp = diag_out != NULL ? diag_out : stderr;
	va_list ap;

	if (!diag_record(level))
		return;
	/* "cv2bib: FILE:LINE: warning: ...", as the issue tracker asks. */
	if (line > 0)
		fprintf(fp, "cv2bib: %s:%lu: %s: ", file != NULL ? file : "<stdin>",
		    line, diag_names[level]);
	else
		fprintf(fp, "cv2bib: %s: %s: ", file != NULL ? file : "<stdin>",
		    diag_names[level]);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	fputc('\n', fp);
}

void
diag_msg(enum diag_level level, const char *fmt, ...)
{
	FILE *fp = diag_out != NULL ? diag_out : stderr;
	va_list ap;

	if (!diag_record(level))
		return;
	fputs("cv2bib: ", fp);
	if (level == DIAG_WARNING || level == DIAG_NOTE)
		fprintf(fp, "%s: ", diag_names[level]);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	fputc('\n', fp);
}
