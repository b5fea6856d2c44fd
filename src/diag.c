/*
 * diag.c -- diagnostics (see diag.h).
 */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#include "buf.h"
#include "diag.h"

static FILE		*diag_out;
static int		 diag_verbose;
/* The writer's thread reports too: the counts are shared. */
static pthread_mutex_t	 diag_lock = PTHREAD_MUTEX_INITIALIZER;
static enum diag_level	 diag_max = DIAG_OK;
static unsigned long	 diag_counts[DIAG_FATAL + 1];
/* Where this thread's messages are held, or NULL (see diag_hold()). */
static _Thread_local struct buf *diag_held;

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

	pthread_mutex_lock(&diag_lock);
	diag_max = DIAG_OK;
	for (i = 0; i <= DIAG_FATAL; i++)
		diag_counts[i] = 0;
	pthread_mutex_unlock(&diag_lock);
}

enum diag_level
diag_worst(void)
{
	enum diag_level level;

	pthread_mutex_lock(&diag_lock);
	level = diag_max;
	pthread_mutex_unlock(&diag_lock);
	return level;
}

unsigned long
diag_count(enum diag_level level)
{
	unsigned long n;

	pthread_mutex_lock(&diag_lock);
	n = diag_counts[level];
	pthread_mutex_unlock(&diag_lock);
	return n;
}

void
diag_hold(struct buf *b)
{
	diag_held = b;
}

void
diag_release(struct buf *b)
{
	FILE *fp = diag_out != NULL ? diag_out : stderr;

	if (b->len > 0)
		fwrite(b->s, 1, b->len, fp);
	buf_reset(b);
}

/*
 * Count the message and say whether it is to be printed: notes only with
 * -v (and only then counted), warnings not with -q; errors always.
 */
static int
diag_record(enum diag_level level)
{
	/*
	 * The parser notes what it does on every entry, for -v: without
	 * it, drop them before the lock the parsing threads share.
	 */
	if (level == DIAG_NOTE && diag_verbose <= 0)
		return 0;
	pthread_mutex_lock(&diag_lock);
	diag_counts[level]++;
	if (level > diag_max && level != DIAG_NOTE)
		diag_max = level;
	pthread_mutex_unlock(&diag_lock);
	if (level == DIAG_NOTE)
		return diag_verbose > 0;
	if (level == DIAG_WARNING)
		return diag_verbose >= 0;
	return 1;
}

/* Print to this thread's held messages if there are, else to fp. */
static void
diag_vput(FILE *fp, const char *fmt, va_list ap)
{
	if (diag_held != NULL)
		buf_vprintf(diag_held, fmt, ap);
	else
		vfprintf(fp, fmt, ap);
}

static void __attribute__((format(printf, 2, 3)))
diag_put(FILE *fp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vput(fp, fmt, ap);
	va_end(ap);
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
		diag_put(fp, "cv2bib: %s:%lu: %s: ", file != NULL ? file :
		    "<stdin>", line, diag_names[level]);
	else
		diag_put(fp, "cv2bib: %s: %s: ", file != NULL ? file :
		    "<stdin>", diag_names[level]);
	va_start(ap, fmt);
	diag_vput(fp, fmt, ap);
	va_end(ap);
	diag_put(fp, "\n");
}

void
diag_msg(enum diag_level level, const char *fmt, ...)
{
	FILE *fp = diag_out != NULL ? diag_out : stderr;
	va_list ap;

	if (!diag_record(level))
		return;
	diag_put(fp, "cv2bib: ");
	if (level == DIAG_WARNING || level == DIAG_NOTE)
		diag_put(fp, "%s: ", diag_names[level]);
	va_start(ap, fmt);
	diag_vput(fp, fmt, ap);
	va_end(ap);
	diag_put(fp, "\n");
}
