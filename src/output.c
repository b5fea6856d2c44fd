/*
 * output.c -- where the bibliography goes, written all or nothing
 * (see output.h).
 *
 * Three kinds of destination:
 *  - a regular file (or one that does not exist yet): the spool is a hidden
 *    temporary file in the same directory, renamed over it at the end;
 *  - standard output, and a FILE that is not a regular file (a device such
 *    as /dev/stdout or /dev/full, a FIFO): the spool is copied out at the
 *    end (renaming over a device would replace the device node itself).
 *    With glibc it is held in memory while small, so that a short run
 *    makes no file at all, and goes to an unlinked temporary file in
 *    $TMPDIR once it outgrows OUTPUT_MEM_MAX; elsewhere it is that file
 *    from the start.  On Linux the file is copied out by sendfile(), which
 *    spares a copy through this process.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/sendfile.h>
#endif

#include "output.h"
#include "xmalloc.h"

#define OUTPUT_MEM_MAX	(4 << 20)	/* bytes of a copied spool in memory */

struct output {
	char	*path;		/* NULL: standard output */
	char	*spool;		/* the temporary file; NULL once unlinked */
	FILE	*fp;
	int	 copy;		/* copy the spool into path, do not rename */
	/* A copied spool: mem[0..len), then the file fd, if any (-1). */
	char	*mem;
	size_t	 len, cap;
	int	 fd;
	char	*tmpdir;
};

/*
 * The spool beside a FILE, while it exists, so that an interrupted run
 * does not leave it behind.  Only one output is open at a time.
 */
static char *volatile output_live;

/* Remove the live spool and die of the signal as if it had not been caught. */
static void
output_signal(int sig)
{
	char *spool = output_live;

	if (spool != NULL)
		unlink(spool);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Catch the signals that end a run from outside, once. */
static void
output_catch_signals(void)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGTERM };
	static int done;
	struct sigaction sa, old;
	size_t i;

	if (done)
		return;
	done = 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = output_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		/* A signal ignored by the parent (nohup) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

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

/*
 * The file to replace: path itself, or the file it links to (even one that
 * does not exist yet), so that a symbolic link to a bibliography kept
 * elsewhere stays a link.
 */
static char *
output_target(const char *path)
{
	char link[PATH_MAX], *target = xstrdup(path), *dir, *next;
	struct stat st;
	ssize_t n;
	int hops;

	for (hops = 0; hops < 40; hops++) {
		if (lstat(target, &st) == -1 || !S_ISLNK(st.st_mode) ||
		    (n = readlink(target, link, sizeof(link) - 1)) <= 0)
			break;
		link[n] = '\0';
		if (link[0] == '/' || strchr(target, '/') == NULL)
			next = xstrdup(link);
		else {
			dir = output_dir(target);
			xasprintf(&next, "%s/%s", dir, link);
			free(dir);
		}
		free(target);
		target = next;
	}
	return target;
}

/* Create the spool in dir; -1 with errno set. */
static int
output_spool(struct output *o, const char *dir, const char *prefix)
{
	int fd;

	xasprintf(&o->spool, "%s/%s.XXXXXX", dir, prefix);
	if ((fd = mkstemp(o->spool)) == -1)
		return -1;
	if ((o->fp = fdopen(fd, "w+")) == NULL) {
		int saved = errno;

		close(fd);
		unlink(o->spool);
		errno = saved;
		return -1;
	}
	return 0;
}

/* Free the output; the spool must be gone already. */
static void
output_free(struct output *o)
{
	free(o->path);
	free(o->spool);
	free(o->mem);
	free(o->tmpdir);
	free(o);
}

/* Create an unlinked temporary file in o->tmpdir; -1 with errno set. */
static int
output_tmpfile(struct output *o)
{
	char *name;
	int fd;

	xasprintf(&name, "%s/cv2bib.XXXXXX", o->tmpdir);
	if ((fd = mkstemp(name)) != -1)
		unlink(name);	/* not needed once open */
	free(name);
	return fd;
}

/* Write p[0..n) to fd whole; 0, or -1 with errno set. */
static int
output_write_fd(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

#ifdef __GLIBC__
/*
 * The spool stream's writes: to memory while it holds less than
 * OUTPUT_MEM_MAX, then to a temporary file.  0 on an error (errno set),
 * which marks the stream's error (fopencookie(3)).
 */
static ssize_t
output_mem_write(void *cookie, const char *p, size_t n)
{
	struct output *o = cookie;

	if (o->fd == -1 && o->len + n <= OUTPUT_MEM_MAX) {
		if (o->len + n > o->cap) {
			o->cap = o->cap != 0 ? o->cap * 2 : 65536;
			while (o->cap < o->len + n)
				o->cap *= 2;
			o->mem = xrealloc(o->mem, o->cap);
		}
		memcpy(o->mem + o->len, p, n);
		o->len += n;
		return (ssize_t)n;
	}
	if (o->fd == -1) {
		if ((o->fd = output_tmpfile(o)) == -1 ||
		    output_write_fd(o->fd, o->mem, o->len) == -1)
			return 0;
		free(o->mem);
		o->mem = NULL;
		o->len = o->cap = 0;
	}
	return output_write_fd(o->fd, p, n) == 0 ? (ssize_t)n : 0;
}

/* A stream into memory, then a file; NULL with errno set. */
static FILE *
output_mem_open(struct output *o)
{
	cookie_io_functions_t io = { NULL, output_mem_write, NULL, NULL };

	/* Fail now, as a file made now would, where none can be made. */
	if (access(o->tmpdir, W_OK | X_OK) == -1)
		return NULL;
	return fopencookie(o, "w", io);
}
#else
/* The temporary file from the start. */
static FILE *
output_mem_open(struct output *o)
{
	FILE *fp;

	if ((o->fd = output_tmpfile(o)) == -1)
		return NULL;
	if ((fp = fdopen(o->fd, "w")) == NULL) {
		int saved = errno;

		close(o->fd);
		o->fd = -1;
		errno = saved;
	}
	return fp;
}
#endif

/* Open the spool of a stream that is copied out. */
static struct output *
output_open_copy(struct output *o, char **cause)
{
	const char *tmpdir;

	if ((tmpdir = getenv("TMPDIR")) == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	o->tmpdir = xstrdup(tmpdir);
	if ((o->fp = output_mem_open(o)) == NULL) {
		xasprintf(cause, "cannot create a temporary file in '%s': %s",
		    tmpdir, strerror(errno));
		output_free(o);
		return NULL;
	}
	o->copy = 1;
	return o;
}

struct output *
output_open(const char *path, char **cause)
{
	struct output *o = xcalloc(1, sizeof(*o));
	struct stat st;
	char *dir;

	o->fd = -1;
	if (path == NULL || strcmp(path, "-") == 0)
		return output_open_copy(o, cause);
	/*
	 * What the path is, links followed as open() follows them: the link
	 * of /dev/stdout on a pipe ("pipe:[1234]") leads to no path.
	 */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			xasprintf(cause, "cannot write '%s': %s", path,
			    strerror(EISDIR));
			output_free(o);
			return NULL;
		}
		o->path = xstrdup(path);
		return output_open_copy(o, cause);
	}
	/* A file, or none yet: the spool goes beside the link's target. */
	o->path = output_target(path);
	dir = output_dir(o->path);
	if (output_spool(o, dir, ".cv2bib") == -1) {
		xasprintf(cause, "cannot write '%s': cannot create a file in "
		    "'%s': %s", path, dir, strerror(errno));
		free(dir);
		output_free(o);
		return NULL;
	}
	free(dir);
	output_catch_signals();
	output_live = o->spool;
	return o;
}

FILE *
output_stream(struct output *o)
{
	return o->fp;
}

/* Close the spool (if open) and remove it (if it has a name). */
static void
output_discard(struct output *o)
{
	if (o->fp != NULL)
		fclose(o->fp);	/* closes o->fd too (fdopen) */
	o->fp = NULL;
#ifdef __GLIBC__
	if (o->fd != -1)
		close(o->fd);
#endif
	o->fd = -1;
	if (o->spool != NULL) {
		output_live = NULL;
		unlink(o->spool);
	}
}

void
output_abort(struct output *o)
{
	output_discard(o);
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
	if (ferror(o->fp) || ferror(old))
		same = 0;
	fclose(old);
	return same;
}

/* Copy the spool's file, from its start, to fd; 0 or -1 (errno set). */
static int
output_copy_fd(struct output *o, int fd)
{
	char chunk[65536];
	off_t off = 0;
	ssize_t n;

#ifdef __linux__
	while ((n = sendfile(fd, o->fd, &off, 1 << 30)) > 0)
		continue;
	if (n == 0)
		return 0;
	/* Not every kind of file takes sendfile(): copy what is left. */
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	for (;;) {
		if ((n = pread(o->fd, chunk, sizeof(chunk), off)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		if (output_write_fd(fd, chunk, (size_t)n) == -1)
			return -1;
		off += n;
	}
}

/* Copy the spool to the stream to; 0, or an errno value. */
static int
output_copy(struct output *o, FILE *to)
{
	errno = 0;
	if (o->len > 0 && fwrite(o->mem, 1, o->len, to) != o->len)
		return errno != 0 ? errno : EIO;
	if (fflush(to) == EOF)
		return errno != 0 ? errno : EIO;
	if (o->fd != -1 && output_copy_fd(o, fileno(to)) == -1)
		return errno != 0 ? errno : EIO;
	return 0;
}

/* Copy the spool to standard output or into the file path names. */
static enum output_result
output_commit_copy(struct output *o, int check, char **cause)
{
	FILE *to;
	int error;

	if (o->path == NULL) {
		if ((error = output_copy(o, stdout)) != 0) {
			xasprintf(cause, "write error: %s", strerror(error));
			return OUTPUT_FAILED;
		}
		return OUTPUT_WRITTEN;
	}
	/* A device or a FIFO cannot be compared without side effects. */
	if (check)
		return OUTPUT_STALE;
	errno = 0;
	if ((to = fopen(o->path, "w")) == NULL)
		error = errno;
	else {
		error = output_copy(o, to);
		if (fclose(to) == EOF && error == 0)
			error = errno;
	}
	if (error != 0) {
		xasprintf(cause, "cannot write '%s': %s", o->path,
		    strerror(error));
		return OUTPUT_FAILED;
	}
	return OUTPUT_WRITTEN;
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

/* Move the spool over the file, unless it holds the same already. */
static enum output_result
output_commit_rename(struct output *o, int check, char **cause)
{
	if (output_same(o))
		return OUTPUT_UNCHANGED;
	if (check)
		return OUTPUT_STALE;
	output_mode(o);
	if (fsync(fileno(o->fp)) == -1 || fclose(o->fp) == EOF) {
		o->fp = NULL;
		xasprintf(cause, "cannot write '%s': %s", o->path,
		    strerror(errno));
		return OUTPUT_FAILED;
	}
	o->fp = NULL;
	if (rename(o->spool, o->path) == -1) {
		xasprintf(cause, "cannot replace '%s': %s", o->path,
		    strerror(errno));
		return OUTPUT_FAILED;
	}
	output_live = NULL;
	free(o->spool);
	o->spool = NULL;
	return OUTPUT_WRITTEN;
}

enum output_result
output_commit(struct output *o, int check, char **cause)
{
	enum output_result res;

	errno = 0;
	if (fflush(o->fp) == EOF || ferror(o->fp)) {
		xasprintf(cause, "write error: %s", strerror(errno != 0 ?
		    errno : EIO));
		res = OUTPUT_FAILED;
	} else if (o->copy)
		res = output_commit_copy(o, check, cause);
	else
		res = output_commit_rename(o, check, cause);
	output_abort(o);
	return res;
}
