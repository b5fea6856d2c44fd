/*
 * output.c -- where the bibliography goes, written all or nothing
 * (see output.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "xmalloc.h"

struct output {
	char	*path;		/* NULL: standard output */
	char	*spool;		/* the temporary file's name */
	FILE	*fp;
};

/* The directory part of path, for a spool file beside it. */
static char *
output_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

struct output *
output_open(const char *path, char **cause)
{
	struct output *o = xcalloc(1, sizeof(*o));
	const char *tmpdir;
	char *dir;
	int fd;

	if (path != NULL && strcmp(path, "-") != 0) {
		o->path = xstrdup(path);
		dir = output_dir(path);
		xasprintf(&o->spool, "%s/.cv2bib.XXXXXX", dir);
		free(dir);
	} else {
		if ((tmpdir = getenv("TMPDIR")) == NULL || *tmpdir == '\0')
			tmpdir = "/tmp";
		xasprintf(&o->spool, "%s/cv2bib.XXXXXX", tmpdir);
	}
	if ((fd = mkstemp(o->spool)) == -1 ||
	    (o->fp = fdopen(fd, "w+")) == NULL) {
		xasprintf(cause, "cannot create a temporary file '%s': %s",
		    o->spool, strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(o->spool);
		}
		free(o->spool);
		free(o->path);
		free(o);
		return NULL;
	}
	/* Standard output: the name is not needed once the file is open. */
	if (o->path == NULL)
		unlink(o->spool);
	return o;
}

FILE *
output_stream(struct output *o)
{
	return o->fp;
}

static void
output_free(struct output *o)
{
	free(o->path);
	free(o->spool);
	free(o);
}

void
output_abort(struct output *o)
{
	if (o->fp != NULL)
		fclose(o->fp);
	if (o->path != NULL)
		unlink(o->spool);
	output_free(o);
}

/* Whether the file at path holds exactly what the spool holds. */
static int
output_same(struct output *o)
{
	char a[8192], b[8192];
	FILE *old;
	size_t na, nb;
	int same = 1;

	if ((old = fopen(o->path, "rb")) == NULL)
		return 0;
	rewind(o->fp);
	do {
		na = fread(a, 1, sizeof(a), o->fp);
		nb = fread(b, 1, sizeof(b), old);
		if (na != nb || memcmp(a, b, na) != 0)
			same = 0;
	} while (same && na > 0);
	fclose(old);
	return same;
}

/* Copy the spool to standard output. */
static int
output_copy(struct output *o, char **cause)
{
	char chunk[65536];
	size_t n;

	rewind(o->fp);
	while ((n = fread(chunk, 1, sizeof(chunk), o->fp)) > 0)
		if (fwrite(chunk, 1, n, stdout) != n)
			break;
	if (ferror(o->fp) || fflush(stdout) == EOF || ferror(stdout)) {
		xasprintf(cause, "write error: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Give the new file the old one's mode, or what umask allows. */
static void
output_mode(struct output *o)
{
	struct stat st;
	mode_t mask;

	if (stat(o->path, &st) == 0) {
		(void)fchmod(fileno(o->fp), st.st_mode & 07777);
		return;
	}
	mask = umask(0);
	umask(mask);
	(void)fchmod(fileno(o->fp), 0666 & ~mask);
}

enum output_result
output_commit(struct output *o, int check, char **cause)
{
	enum output_result res;

	if (fflush(o->fp) == EOF || ferror(o->fp)) {
		xasprintf(cause, "write error: %s", strerror(errno));
		output_abort(o);
		return OUTPUT_FAILED;
	}
	if (o->path == NULL) {
		res = output_copy(o, cause) == 0 ? OUTPUT_WRITTEN :
		    OUTPUT_FAILED;
		output_abort(o);
		return res;
	}
	if (output_same(o)) {
		output_abort(o);
		return OUTPUT_UNCHANGED;
	}
	if (check) {
		output_abort(o);
		return OUTPUT_STALE;
	}
	output_mode(o);
	if (fsync(fileno(o->fp)) == -1 || fclose(o->fp) == EOF) {
		o->fp = NULL;
		xasprintf(cause, "cannot write '%s': %s", o->path,
		    strerror(errno));
		output_abort(o);
		return OUTPUT_FAILED;
	}
	o->fp = NULL;
	if (rename(o->spool, o->path) == -1) {
		xasprintf(cause, "cannot replace '%s': %s", o->path,
		    strerror(errno));
		output_abort(o);
		return OUTPUT_FAILED;
	}
	output_free(o);
	return OUTPUT_WRITTEN;
}
