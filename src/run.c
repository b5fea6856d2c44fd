/*
 * run.c -- one run of the pipeline (see run.h).
 *
 * Entries stream through: the reading thread reads, cleans and splits the
 * input into raw entries and queues them in batches; each batch is
 * parsed, then its entries get their keys and are written, so memory does
 * not grow with the input (the keys and duplicate fingerprints excepted,
 * a few bytes per entry).  Output goes to a spool that is committed only
 * when every input was read without error.
 *
 * A short input is all done on one thread, but for the formats whose
 * writer has work of its own (libbibutils'): once a first small batch
 * (RUN_FIRST entries) is full, batches are written in input order on a
 * writing thread while the reading thread parses the next ones itself:
 * for a CV of a few dozen entries, writing BibTeX through libbibutils is
 * a third of the work, and no other thread needs a copy of the rules yet.
 * Batches grow with the input.  Once RUN_BATCH entries have come (from
 * the first batch on for a long file), batches are parsed on worker
 * threads, one per processor, each with its own copy of the rules
 * (rules_clone()), while the reading thread reads on.  What needs no
 * other entry (a key's base, a duplicate fingerprint, a CSL item's text)
 * is made where the entry is parsed, and a batch is freed by the thread
 * that parsed it once it is written (run_prep(), run_worker_main()), so
 * that the writing thread does only what depends on input order.  Every
 * message is held (diag_hold()) with the entry it is about, the reader's
 * before the entry, the parser's with it, and printed by the writing
 * thread as it takes the entry, followed by the writer's own
 * (writer_put()), so that standard error reads exactly as if one thread
 * had done all, whatever the batches.
 */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "clean.h"
#include "dedup.h"
#include "diag.h"
#include "entry.h"
#include "fields.h"
#include "keys.h"
#include "norm.h"
#include "output.h"
#include "read.h"
#include "rules.h"
#include "run.h"
#include "section.h"
#include "split.h"
#include "write.h"
#include "xmalloc.h"

#define RUN_BATCH		512	/* entries */
#define RUN_FIRST		8	/* entries, in the first batches */
#define RUN_RAW_ENTRY		100	/* bytes, a batch's text per entry */
#define RUN_LONG		(512L * 1024)	/* bytes: some 2,000 entries */
#define RUN_WORKERS_MAX		8	/* parsing threads */
#define RUN_AHEAD		2	/* batches in flight per worker */
#define PREAMBLE_SCORE		2	/* to keep text before any heading */
#define UNKNOWN_SCORE		3	/* to warn of text under an unknown one */

/* The installed rule files, in the order they apply. */
static const char *const run_rule_files[] = {
	"markup.rules", "sections.rules", "names.rules", "fields.rules",
	"venues.rules", "types.rules", "title.rules",
};

/* A raw entry to parse, with what its parse needs to know. */
#define RUN_NONE	((size_t)-1)	/* no string in the batch's raw */

struct job {
	/* The rawentry's text, its label and a year sub-heading's, in raw. */
	size_t			 text, label, year;	/* or RUN_NONE */
	unsigned long		 first, last;
	const char		*file;		/* the input's name */
	enum entry_type		 section;
	struct buf		 before;	/* the reader's messages */
	struct buf		 diags;		/* the parser's messages */
	struct entry		*e;		/* parsed; NULL once prepared */
	/* What run_prep() makes of it: */
	size_t			 base;		/* its base key in texts */
	struct dedup_print	 print;
	size_t			 item, len;	/* its text there (prepared) */
	int			 prep_failed;
	struct buf		 late;		/* the text's messages */
};

struct parser;

/* Entries in input order, and the messages after the last. */
struct batch {
	struct job		*jobs;
	size_t			 n, cap;
	struct buf		 tail;
	/*
	 * The jobs' strings, one block: the reading thread makes a batch,
	 * the others free it, and glibc frees faster what the thread that
	 * allocated it frees.
	 */
	struct buf		 raw;
	int			 parsed;
	int			 prepped;	/* jobs' text, not entries */
	struct buf		 texts;		/* the jobs' texts and keys */
	struct parser		*parser;	/* whose thread parsed it */
	struct batch		*next;		/* in its parser's garbage */
};

/* What a parsing thread keeps from batch to batch. */
struct parser {
	struct run		*run;
	const struct rules	*rules;
	struct writer_prep	*prep;		/* NULL: write entries */
	struct buf		 tmp;
	/*
	 * Batches written, for this thread to free: the entries it made,
	 * which glibc frees faster on the thread that allocated them.
	 */
	struct batch		*garbage;
};

struct run {
	const struct run_opts	*opts;
	struct rules		*rules;		/* the reading thread's */
	struct parser		 parser;	/* the reading thread's */
	struct writer		*writer;
	struct keys		*keys;
	struct dedup		*dedup;
	struct batch		*batch;		/* being filled */
	size_t			 batch_max;	/* entries it may take */
	unsigned long		 queued;	/* entries in batches before */
	int			 long_input;	/* a file of RUN_LONG bytes */
	int			 alone;		/* no thread could start */
	int			 tried_workers;
	struct buf		 pending;	/* held for the next entry */
	unsigned long		 entries;	/* written or dropped */
	int			 failed;	/* an input error */
	int			 write_failed;	/* the writer's, once joined */
	int			 write_errno;
	/*
	 * The threads, once started: the writer, then the workers (none
	 * while the reading thread parses).  Batches are numbered in input
	 * order: the reader has submitted those below submitted, the workers
	 * (or the reader) have taken those below taken, the writer written
	 * those below written; ring[n % ahead] holds batch n in between.
	 */
	int			 threaded;	/* the writer runs */
	size_t			 nworkers;
	pthread_t		 workers[RUN_WORKERS_MAX];
	struct rules		*worker_rules[RUN_WORKERS_MAX];
	struct parser		 parsers[RUN_WORKERS_MAX];
	pthread_t		 writer_thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	struct batch		*ring[RUN_WORKERS_MAX * RUN_AHEAD + 2];
	size_t			 ahead;		/* ring slots in use */
	unsigned long		 submitted, taken, written;
	int			 done;		/* no batch will come */
};

/* One input being read. */
struct input {
	struct run		*run;
	const char		*name;
	struct sectioner	*sec;
	struct splitter		*split;
	int			 after_break;
	/* A short line held back: with the next, it may be one heading. */
	struct cline		 held;
	char			*held_text;
	/* Page furniture of text pulled out of a PDF (input_furniture()). */
	char			*first_line;	/* the owner's name, mostly */
	struct cline		 blank;		/* a paragraph break held */
	int			 has_blank;
};

enum markup
markup_from_name(const char *s)
{
	static const char *const names[] = {
		"auto", "text", "markdown", "html", "latex"
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (enum markup)i;
	if (strcmp(s, "md") == 0)
		return MARKUP_MARKDOWN;
	if (strcmp(s, "tex") == 0)
		return MARKUP_LATEX;
	return (enum markup)-1;
}

/* Load the installed rules, then the user's; 0 or -1 (reported). */
static int
run_load_rules(struct run *r)
{
	const struct run_opts *o = r->opts;
	char *path, *cause = NULL;
	size_t i;

	r->rules = rules_new();
	/* The tests compile every installed rule; a run compiles few. */
	rules_lazy(r->rules, 1);
	for (i = 0; i < sizeof(run_rule_files) / sizeof(run_rule_files[0]);
	    i++) {
		xasprintf(&path, "%s/%s", o->datadir, run_rule_files[i]);
		if (rules_load_file(r->rules, path, &cause) == -1) {
			diag_msg(DIAG_FATAL, "%s (installed rules; set "
			    "CV2BIB_DATADIR to their directory)", cause);
			free(cause);
			free(path);
			return -1;
		}
		free(path);
	}
	/* Compiled when cv2bib was installed: beside the rules. */
	if (o->compile_rules == NULL) {
		xasprintf(&path, "%s/%s", o->datadir, RUN_COMPILED_RULES);
		switch (rules_cache_read(r->rules, path, &cause)) {
		case 0:
			diag_msg(DIAG_NOTE, "compiled rules read from %s", path);
			break;
		case -1:
			diag_msg(DIAG_NOTE, "%s; the rules are compiled as "
			    "they are needed", cause);
			free(cause);
			break;
		}
		free(path);
	}
	/* The user's rules are compiled now, so errors stop the run. */
	rules_lazy(r->rules, 0);
	rules_user_mode(r->rules);
	for (i = 0; o->rules != NULL && o->rules[i] != NULL; i++)
		if (rules_load_file(r->rules, o->rules[i], &cause) == -1) {
			diag_msg(DIAG_FATAL, "%s", cause);
			free(cause);
			return -1;
		}
	return 0;
}

static struct batch *
batch_new(void)
{
	return xcalloc(1, sizeof(struct batch));
}

static void
batch_free(struct batch *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		buf_free(&b->jobs[i].before);
		buf_free(&b->jobs[i].diags);
		buf_free(&b->jobs[i].late);
		entry_free(b->jobs[i].e);
	}
	free(b->jobs);
	buf_free(&b->raw);
	buf_free(&b->tail);
	buf_free(&b->texts);
	free(b);
}

/*
 * The work on a parsed entry that needs no other: the base of its key
 * and its duplicate fingerprint, and, when the writer can, its text (and
 * then the entry is freed).  All of it is done here, on the parsing
 * threads, off the writing thread, which has to do the rest in input
 * order.  The text's messages are held apart: the writing thread issues
 * them after the entry's others, as writing the entry would.
 */
static void
run_prep(struct parser *p, struct batch *b, struct job *j)
{
	j->base = b->texts.len;
	keys_base_buf(j->e, &b->texts);
	buf_putc(&b->texts, '\0');
	dedup_print(j->e, &p->tmp, &j->print);
	if (p->prep == NULL)
		return;
	diag_hold(&j->late);
	j->item = b->texts.len;
	if (writer_prep(p->prep, j->e, &b->texts) == -1)
		j->prep_failed = 1;
	j->len = b->texts.len - j->item;
	entry_free(j->e);
	j->e = NULL;
}

/* The string at off in the batch's raw, or NULL. */
static const char *
run_raw(const struct batch *b, size_t off)
{
	return off != RUN_NONE ? b->raw.s + off : NULL;
}

/*
 * Parse the batch's entries with the parser's rules, holding each one's
 * messages with it, and prepare them if the writer can; then hold the
 * thread's messages in restore (NULL: print them).
 */
static void
run_parse_batch(struct parser *p, struct batch *b, struct buf *restore)
{
	struct fields_ctx ctx;
	struct rawentry raw;
	struct job *j;
	size_t i;

	ctx.rules = p->rules;
	/* An item's text, and more; a key's. */
	buf_grow(&b->texts, b->n * (p->prep != NULL ? 1024 : 64));
	for (i = 0; i < b->n; i++) {
		j = &b->jobs[i];
		ctx.file = j->file;
		ctx.section = j->section;
		ctx.year = run_raw(b, j->year);
		raw.text = b->raw.s + j->text;
		raw.label = run_raw(b, j->label);
		raw.first = j->first;
		raw.last = j->last;
		diag_hold(&j->diags);
		j->e = fields_parse(&ctx, &raw);
		norm_entry(p->rules, j->e);
		run_prep(p, b, j);
	}
	b->prepped = p->prep != NULL;
	b->parser = p;
	diag_hold(restore);
}

/*
 * Count an entry and report it if it is the same work as the entry at
 * line first (0: none); whether it goes (--dedup).
 */
static int
run_dropped(struct run *r, const char *file, unsigned long line,
    unsigned long first)
{
	r->entries++;
	if (first == 0)
		return 0;
	diag_at(DIAG_WARNING, file, line, "same work as the entry at line "
	    "%lu%s", first, r->opts->dedup ? "; dropped (--dedup)" :
	    " (--dedup keeps only the first)");
	return r->opts->dedup;
}

static void
run_write_error(struct run *r, int error)
{
	if (!r->write_failed) {
		r->write_failed = 1;
		r->write_errno = error;
	}
}

/*
 * A parsed entry: report a duplicate, give it a key, hand it to the
 * writer (its messages now, with the entry's; it stays the job's).
 */
static void
run_emit(struct run *r, struct batch *b, struct job *j)
{
	if (run_dropped(r, j->file, j->first, dedup_check_print(r->dedup,
	    &j->print, j->first)))
		return;
	free(j->e->key);
	j->e->key = xstrdup(keys_give(r->keys, b->texts.s + j->base));
	if (!r->write_failed && writer_put(r->writer, j->e) == -1)
		run_write_error(r, errno);
}

/* A prepared entry: report a duplicate, add its text with its key. */
static void
run_add(struct run *r, struct batch *b, struct job *j)
{
	const char *key;

	if (run_dropped(r, j->file, j->first, dedup_check_print(r->dedup,
	    &j->print, j->first)))
		return;
	key = keys_give(r->keys, b->texts.s + j->base);
	if (j->prep_failed)
		run_write_error(r, EIO);
	else if (!r->write_failed && writer_add(r->writer, key,
	    b->texts.s + j->item, j->len) == -1)
		run_write_error(r, errno);
}

/*
 * Print a parsed batch's messages, key and write its entries in order.
 * The calling thread holds no messages.
 */
static void
run_write_batch(struct run *r, struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		diag_release(&b->jobs[i].before);
		diag_release(&b->jobs[i].diags);
		if (b->prepped)
			run_add(r, b, &b->jobs[i]);
		else
			run_emit(r, b, &b->jobs[i]);
		diag_release(&b->jobs[i].late);
	}
	diag_release(&b->tail);
	if (!r->write_failed && writer_flush(r->writer) == -1)
		run_write_error(r, errno);
}

/* Free the batches of a garbage list. */
static void
run_free_list(struct batch *b)
{
	struct batch *next;

	for (; b != NULL; b = next) {
		next = b->next;
		batch_free(b);
	}
}

/*
 * A worker: parse the batches it takes, with its own rules, and free
 * those it parsed once they are written; it stays until all are.
 */
static void *
run_worker_main(void *arg)
{
	struct parser *p = arg;
	struct run *r = p->run;
	struct batch *b, *garbage;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		while (r->taken == r->submitted && p->garbage == NULL &&
		    !(r->done && r->written == r->submitted))
			pthread_cond_wait(&r->cond, &r->lock);
		garbage = p->garbage;
		p->garbage = NULL;
		b = r->taken < r->submitted ? r->ring[r->taken++ % r->ahead] :
		    NULL;
		pthread_mutex_unlock(&r->lock);
		if (b == NULL && garbage == NULL)
			break;		/* all written, and freed */
		run_free_list(garbage);
		if (b == NULL)
			continue;
		run_parse_batch(p, b, NULL);
		pthread_mutex_lock(&r->lock);
		b->parsed = 1;
		pthread_cond_broadcast(&r->cond);
		pthread_mutex_unlock(&r->lock);
	}
	writer_prep_free(p->prep);
	p->prep = NULL;
	buf_free(&p->tmp);
	return NULL;
}

/* The writer: write the parsed batches in input order. */
static void *
run_writer_main(void *arg)
{
	struct run *r = arg;
	struct batch *b;

	for (;;) {
		pthread_mutex_lock(&r->lock);
		while (r->written < r->submitted ?
		    !r->ring[r->written % r->ahead]->parsed : !r->done)
			pthread_cond_wait(&r->cond, &r->lock);
		if (r->written == r->submitted) {
			pthread_mutex_unlock(&r->lock);
			return NULL;
		}
		b = r->ring[r->written % r->ahead];
		pthread_mutex_unlock(&r->lock);
		run_write_batch(r, b);
		pthread_mutex_lock(&r->lock);
		r->ring[r->written++ % r->ahead] = NULL;
		b->next = b->parser->garbage;
		b->parser->garbage = b;
		pthread_cond_broadcast(&r->cond);
		pthread_mutex_unlock(&r->lock);
	}
}

/* How many workers: one per processor online. */
static size_t
run_nworkers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > RUN_WORKERS_MAX ? RUN_WORKERS_MAX : (size_t)n;
}

/* Let the threads finish and join them: the workers, then the writer. */
static void
run_stop_threads(struct run *r)
{
	size_t i;

	pthread_mutex_lock(&r->lock);
	r->done = 1;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
	for (i = 0; i < r->nworkers; i++) {
		pthread_join(r->workers[i], NULL);
		rules_free(r->worker_rules[i]);
	}
	pthread_join(r->writer_thread, NULL);
	/* The batches the reading thread parsed; the workers freed theirs. */
	run_free_list(r->parser.garbage);
	r->parser.garbage = NULL;
	pthread_cond_destroy(&r->cond);
	pthread_mutex_destroy(&r->lock);
	r->threaded = 0;
	r->nworkers = 0;
}

/*
 * Start the writer; 0, or -1 if it could not start (then the batches are
 * parsed and written on the reading thread).
 */
static int
run_start_writer(struct run *r)
{
	if (pthread_mutex_init(&r->lock, NULL) != 0)
		return -1;
	if (pthread_cond_init(&r->cond, NULL) != 0) {
		pthread_mutex_destroy(&r->lock);
		return -1;
	}
	r->submitted = r->taken = r->written = 0;
	r->done = 0;
	/* For the workers to come: batch n stays in ring[n % ahead]. */
	r->ahead = run_nworkers() * RUN_AHEAD + 2;
	if (pthread_create(&r->writer_thread, NULL, run_writer_main, r) != 0) {
		pthread_cond_destroy(&r->cond);
		pthread_mutex_destroy(&r->lock);
		return -1;
	}
	r->threaded = 1;
	return 0;
}

/*
 * Start the workers, as many as start (none: the reading thread goes on
 * parsing).  The writer runs already.
 */
static void
run_start_workers(struct run *r)
{
	struct parser *p;
	size_t i, n = run_nworkers();

	for (i = 0; i < n; i++) {
		/* Cloned here: the reading thread uses r->rules meanwhile. */
		r->worker_rules[i] = rules_clone(r->rules);
		p = &r->parsers[i];
		memset(p, 0, sizeof(*p));
		p->run = r;
		p->rules = r->worker_rules[i];
		p->prep = writer_prep_new(r->writer);
		if (pthread_create(&r->workers[i], NULL, run_worker_main,
		    p) != 0) {
			writer_prep_free(p->prep);
			rules_free(r->worker_rules[i]);
			break;
		}
	}
	r->nworkers = i;
}

/*
 * After a full batch b: start the threads the input has grown to need,
 * and size the next batch.  Small batches first, so that the writer
 * starts early and, at the end of a short input, has little left to
 * write after the last is parsed; larger ones as the input grows (a
 * quarter of what came), so that handing them over costs little.  The
 * workers start at RUN_BATCH entries, or at once for an input known to
 * be long.
 */
static void
run_scale(struct run *r, const struct batch *b)
{
	size_t next;

	if (b->n < r->batch_max)
		return;		/* the last batch */
	if (!r->threaded && !r->alone && run_start_writer(r) == -1)
		r->alone = 1;	/* all on this thread */
	if (r->threaded && !r->tried_workers && (r->queued >= RUN_BATCH ||
	    r->long_input)) {
		run_start_workers(r);
		r->tried_workers = 1;
	}
	next = r->alone ? RUN_BATCH : r->queued / 4;
	if (next > r->batch_max)
		r->batch_max = next < RUN_BATCH ? next : RUN_BATCH;
}

/*
 * Hand on the batch being filled, with the messages held after its last
 * entry, and start a new one.  Without threads, the batch is parsed and
 * written here; without workers, parsed here and written by the writer.
 */
static void
run_submit(struct run *r)
{
	struct batch *b = r->batch, *garbage;

	b->tail = r->pending;
	buf_init(&r->pending);
	r->batch = batch_new();
	r->queued += b->n;
	run_scale(r, b);
	if (!r->threaded) {
		diag_hold(NULL);
		run_parse_batch(&r->parser, b, NULL);
		run_write_batch(r, b);
		batch_free(b);
		diag_hold(&r->pending);
		return;
	}
	if (r->nworkers == 0) {
		run_parse_batch(&r->parser, b, &r->pending);
		b->parsed = 1;
	}
	pthread_mutex_lock(&r->lock);
	while (r->submitted - r->written >= r->ahead)
		pthread_cond_wait(&r->cond, &r->lock);
	r->ring[r->submitted++ % r->ahead] = b;
	if (r->nworkers == 0)
		r->taken = r->submitted;	/* no worker's to take */
	garbage = r->parser.garbage;
	r->parser.garbage = NULL;
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
	run_free_list(garbage);
}

/* Add s (if not NULL) to the batch's raw; its offset, or RUN_NONE. */
static size_t
run_raw_add(struct batch *b, const char *s)
{
	size_t off = b->raw.len;

	if (s == NULL)
		return RUN_NONE;
	buf_append(&b->raw, s, strlen(s) + 1);
	return off;
}

/* Queue a raw entry, with the messages held before it, to be parsed. */
static void
run_queue(struct run *r, const char *file, const struct rawentry *raw,
    enum entry_type section, const char *year)
{
	struct batch *b = r->batch;
	struct job *j;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : (r->batch_max < 64 ?
		    r->batch_max : 64);
		b->jobs = xreallocarray(b->jobs, b->cap, sizeof(*b->jobs));
		/* Room for the batch's text, as large entries go. */
		if (b->n == 0)
			buf_grow(&b->raw, r->batch_max * RUN_RAW_ENTRY);
	}
	j = &b->jobs[b->n++];
	memset(j, 0, sizeof(*j));
	j->text = run_raw_add(b, raw->text);
	j->label = run_raw_add(b, raw->label);
	j->first = raw->first;
	j->last = raw->last;
	j->file = file;
	j->section = section;
	j->year = run_raw_add(b, year);
	j->before = r->pending;		/* diag_hold() keeps &r->pending */
	buf_init(&r->pending);
	buf_init(&j->diags);
	if (b->n == r->batch_max)
		run_submit(r);
}

/*
 * Parse and write what is left, and stop the threads.  Unless workers
 * share them (their copies use its compiled codes), the rules are freed
 * first, while the writer writes the last batch: it needs none.
 */
static void
run_drain(struct run *r)
{
	run_submit(r);
	diag_hold(NULL);
	batch_free(r->batch);
	r->batch = NULL;
	buf_free(&r->pending);
	if (r->nworkers == 0) {
		rules_free(r->rules);
		r->rules = NULL;
		r->parser.rules = NULL;
	}
	if (!r->threaded)
		return;
	run_stop_threads(r);
	if (r->write_failed)
		errno = r->write_errno;
}

/*
 * Whether an unlabelled one-line "entry" is a sub-heading no rule knows
 * ("Selected Papers", "Networking"): a few words, no digit, no full stop,
 * no comma.  A reference always has more.
 */
static int
run_subheading(const struct rawentry *raw)
{
	const char *p;
	int words = 1;

	if (raw->label != NULL || raw->first != raw->last)
		return 0;
	for (p = raw->text; *p != '\0'; p++) {
		if (*p == ' ')
			words++;
		if (strchr("0123456789.,;\"“", *p) != NULL)
			return 0;
	}
	return words <= 5;
}

/* Whether s is a year alone: "2019", "(2019)", "2019:". */
static int
run_year_item(const char *s)
{
	s += strspn(s, "(");
	return (s[0] == '1' || s[0] == '2') && (s[1] == '9' || s[1] == '0') &&
	    strspn(s, "0123456789") == 4 && s[4 + strspn(s + 4, "):.")] == '\0';
}

/* A raw entry completed by the splitter. */
static void
input_entry(struct input *in, const struct rawentry *raw)
{
	struct run *r = in->run;
	enum section_state st = section_state(in->sec);
	unsigned long hline;
	const char *heading;

	if (st != SECTION_PUBS) {
		int score = fields_reference_score(r->rules, raw->text);

		if (st == SECTION_PREAMBLE && score < PREAMBLE_SCORE) {
			/* A long text with a year may be a reference all
			 * the same: say so rather than lose it quietly. */
			if (score == PREAMBLE_SCORE - 1 && clean_has_year(raw->text) &&
			    strlen(raw->text) >= 40)
				diag_at(DIAG_WARNING, in->name, raw->first,
				    "skipping text before any publication "
				    "heading that may be a reference: "
				    "\"%.40s...\"", raw->text);
			return;
		}
		if (st == SECTION_OTHER) {
			if (score >= UNKNOWN_SCORE) {
				heading = section_heading(in->sec, &hline);
				diag_at(DIAG_WARNING, in->name, raw->first,
				    "skipping what looks like a publication "
				    "under heading \"%s\" (line %lu); a "
				    "\"section\" rule can make it a "
				    "publication list", heading, hline);
			}
			return;
		}
	}
	/* Before any heading, what a rule says is no reference is none. */
	if (rules_classify(r->rules, "not-entry", raw->text) != NULL &&
	    (st == SECTION_PREAMBLE || fields_reference_score(r->rules,
	    raw->text) < PREAMBLE_SCORE)) {
		diag_at(DIAG_NOTE, in->name, raw->first, "\"%.40s\": no "
		    "reference (a \"not-entry\" rule)", raw->text);
		return;
	}
	if (run_year_item(raw->text)) {
		/* "* 2019" with the entries of 2019 under it. */
		section_set_year(in->sec, raw->text + strspn(raw->text, "("));
		diag_at(DIAG_NOTE, in->name, raw->first, "\"%s\": the year of "
		    "the entries below", raw->text);
		return;
	}
	if (run_subheading(raw)) {
		diag_at(DIAG_NOTE, in->name, raw->first, "\"%s\": read as a "
		    "sub-heading, not an entry", raw->text);
		return;
	}
	run_queue(r, in->name, raw, section_type(in->sec),
	    section_year(in->sec));
}

/* A heading comes: the entry in progress ends under the old one. */
static void
input_heading_comes(void *arg)
{
	struct input *in = arg;
	struct rawentry raw;

	if (split_flush(in->split, &raw))
		input_entry(in, &raw);
}

/* One logical line from the cleaner, once it is known not to be held. */
static void
input_line_now(struct input *in, const struct cline *cl)
{
	struct rawentry raw;
	int heading = section_feed(in->sec, cl, in->after_break);

	in->after_break = heading || cl->blank;
	if (heading) {
		if (split_flush(in->split, &raw))
			input_entry(in, &raw);
		return;
	}
	if (section_state(in->sec) == SECTION_OTHER &&
	    !section_unknown(in->sec))
		return;
	if (split_push(in->split, cl, &raw))
		input_entry(in, &raw);
}

/*
 * Whether a line could be the first half of a heading that text pulled
 * out of a PDF broke in two ("Journal" / "Articles"): one or two
 * capitalised words, no digit, no punctuation.
 */
static int
input_half_heading(const struct cline *cl)
{
	const char *p;
	int words = 1;

	if (cl->blank || cl->heading || !isupper((unsigned char)*cl->s))
		return 0;
	for (p = cl->s; *p != '\0'; p++) {
		if (*p == ' ')
			words++;
		if (!isalpha((unsigned char)*p) && *p != ' ' && *p != '&')
			return 0;
	}
	return words <= 2;
}

/* Let the held line through, as an ordinary line. */
static void
input_release(struct input *in)
{
	if (in->held_text == NULL)
		return;
	in->held.s = in->held_text;
	input_line_now(in, &in->held);
	free(in->held_text);
	in->held_text = NULL;
}

/*
 * One logical line from the cleaner.  A short line is held back until the
 * next: when the two make a heading the rules know, they are one.
 */
static void
input_line(struct input *in, const struct cline *cl)
{
	struct cline joined;
	struct rawentry raw;
	char *text;

	if (in->held_text != NULL && cl != NULL && input_half_heading(cl)) {
		xasprintf(&text, "%s %s", in->held_text, cl->s);
		joined = in->held;
		joined.s = text;
		joined.heading = CLEAN_HEADING_GUESS;
		if (rules_classify(in->run->rules, "section", text) != NULL &&
		    section_feed(in->sec, &joined, 1)) {
			free(text);
			free(in->held_text);
			in->held_text = NULL;
			in->after_break = 1;
			if (split_flush(in->split, &raw))
				input_entry(in, &raw);
			return;
		}
		free(text);
	}
	input_release(in);
	if (cl == NULL)
		return;
	if (input_half_heading(cl)) {
		in->held = *cl;
		in->held_text = xstrdup(cl->s);
		return;
	}
	input_line_now(in, cl);
}

/*
 * Whether a line is page furniture: a page number or running head the
 * "page" rules know ("Curriculum Vitae 4", "Page 2 of 7"), or the
 * document's first line (the owner's name) again.
 */
static int
input_furniture(struct input *in, const struct cline *cl)
{
	if (cl->blank || (cl->heading && cl->heading != CLEAN_HEADING_GUESS))
		return 0;		/* markup says what it is */
	if (in->first_line == NULL) {
		in->first_line = xstrdup(strlen(cl->s) <= 60 ? cl->s : "");
		return 0;
	}
	if (*in->first_line != '\0' && strcmp(cl->s, in->first_line) == 0)
		return 1;
	return rules_classify(in->run->rules, "page", cl->s) != NULL;
}

/*
 * Drop page furniture; a paragraph break just before it is the page's
 * end, no break in the list: an entry may go on on the next page.
 */
static void
input_line_page(struct input *in, const struct cline *cl)
{
	if (cl != NULL && cl->blank && !in->has_blank) {
		in->blank = *cl;
		in->blank.s = "";
		in->has_blank = 1;
		return;
	}
	if (cl != NULL && input_furniture(in, cl)) {
		diag_at(DIAG_NOTE, in->name, cl->lineno, "page furniture: "
		    "\"%s\"", cl->s);
		in->after_break = 1;
		in->has_blank = -1;	/* the break goes with it */
		return;
	}
	if (in->has_blank == 1)
		input_line(in, &in->blank);
	in->has_blank = 0;
	input_line(in, cl);
}

/*
 * Whether fp is a file so long that the workers are sure to be needed:
 * then they start with the writer, and the reading thread parses none.
 */
static int
run_is_long(FILE *fp)
{
	struct stat st;

	return fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size >= RUN_LONG;
}

/* Read one input to the end; -1 if it could not be read whole. */
static int
run_input(struct run *r, FILE *fp, const char *name)
{
	struct input in;
	struct reader *rd = reader_new(fp, name);
	struct cleaner *cl;
	struct cline cline;
	struct rawentry raw;
	struct line ln;
	enum markup m = r->opts->markup;
	const char *head;
	size_t hlen;
	int rc;

	if (run_is_long(fp))
		r->long_input = 1;
	if (m == MARKUP_AUTO) {
		head = reader_peek(rd, &hlen);
		m = clean_detect(strcmp(name, "<stdin>") ? name : NULL, head,
		    hlen);
	}
	memset(&in, 0, sizeof(in));
	in.run = r;
	in.name = name;
	in.sec = section_new(r->rules, name);
	section_on_heading(in.sec, input_heading_comes, &in);
	in.split = split_new(r->rules);
	in.after_break = 1;
	cl = cleaner_new(m);
	while ((rc = reader_next(rd, &ln)) == 1) {
		cleaner_push(cl, &ln);
		while (cleaner_pop(cl, &cline))
			input_line_page(&in, &cline);
	}
	if (rc == 0) {
		cleaner_push(cl, NULL);
		while (cleaner_pop(cl, &cline))
			input_line_page(&in, &cline);
		input_line_page(&in, NULL);
		if (split_flush(in.split, &raw))
			input_entry(&in, &raw);
	}
	free(in.held_text);
	free(in.first_line);
	cleaner_free(cl);
	split_free(in.split);
	section_free(in.sec);
	reader_free(rd);
	return rc == 0 ? 0 : -1;
}

/* Open and read the named input ("-" is standard input). */
static void
run_file(struct run *r, const char *path)
{
	FILE *fp;

	if (strcmp(path, "-") == 0) {
		if (run_input(r, stdin, "<stdin>") == -1)
			r->failed = 1;
		return;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		diag_msg(DIAG_ERROR, "cannot open '%s': %s", path,
		    strerror(errno));
		r->failed = 1;
		return;
	}
	if (run_input(r, fp, path) == -1)
		r->failed = 1;
	fclose(fp);
}

/* Decide the exit status and commit or discard the output. */
static int
run_finish(struct run *r, struct output *out)
{
	const struct run_opts *o = r->opts;
	char *cause = NULL;
	enum output_result res;

	if (!r->failed && r->entries == 0) {
		diag_msg(DIAG_ERROR, "no publications found in the input");
		r->failed = 1;
	}
	if (r->failed || r->write_failed || (o->strict &&
	    diag_count(DIAG_WARNING) > 0)) {
		output_abort(out);
		if (r->write_failed) {
			diag_msg(DIAG_FATAL, "write error: %s", strerror(errno));
			return EXIT_USAGE;
		}
		if (!r->failed)
			diag_msg(DIAG_ERROR, "%lu warning(s) with --strict; "
			    "nothing written", diag_count(DIAG_WARNING));
		return EXIT_INPUT;
	}
	res = output_commit(out, o->check, &cause);
	switch (res) {
	case OUTPUT_FAILED:
		diag_msg(DIAG_FATAL, "%s", cause);
		free(cause);
		return EXIT_USAGE;
	case OUTPUT_STALE:
		diag_msg(DIAG_ERROR, "'%s' is out of date; run cv2bib without "
		    "--check to update it", o->output);
		return EXIT_INPUT;
	default:
		return EXIT_OK;
	}
}

int
run(const struct run_opts *o)
{
	struct run r;
	struct output *out;
	struct write_opts wo;
	char *cause = NULL;
	size_t i;
	int status;

	memset(&r, 0, sizeof(r));
	r.opts = o;
	if (run_load_rules(&r) == -1) {
		rules_free(r.rules);
		return EXIT_USAGE;
	}
	if (o->compile_rules != NULL) {
		status = EXIT_OK;
		if (rules_cache_write(r.rules, o->compile_rules, &cause) == -1) {
			diag_msg(DIAG_FATAL, "%s", cause);
			free(cause);
			status = EXIT_USAGE;
		}
		rules_free(r.rules);
		return status;
	}
	if ((out = output_open(o->output, &cause)) == NULL) {
		diag_msg(DIAG_FATAL, "%s", cause);
		free(cause);
		rules_free(r.rules);
		return EXIT_USAGE;
	}
	wo.latex = o->latex;
	if ((r.writer = writer_open(o->format, output_stream(out), &wo,
	    &cause)) == NULL) {
		diag_msg(DIAG_FATAL, "%s", cause);
		free(cause);
		output_abort(out);
		rules_free(r.rules);
		return EXIT_USAGE;
	}
	r.parser.rules = r.rules;
	/*
	 * Where the parser makes the items (CSL-JSON), the writer has little
	 * left to do, and a writing thread would cost more than it saves: a
	 * short input is all done here.  Otherwise the writer starts after a
	 * first small batch.
	 */
	r.parser.prep = writer_prep_new(r.writer);
	r.keys = keys_new();
	r.dedup = dedup_new();
	r.batch = batch_new();
	r.batch_max = r.parser.prep != NULL ? RUN_BATCH : RUN_FIRST;
	diag_hold(&r.pending);
	if (o->inputs == NULL || o->inputs[0] == NULL)
		run_file(&r, "-");
	for (i = 0; o->inputs != NULL && o->inputs[i] != NULL; i++)
		run_file(&r, o->inputs[i]);
	run_drain(&r);
	writer_prep_free(r.parser.prep);
	buf_free(&r.parser.tmp);
	if (writer_close(r.writer) == -1)
		r.write_failed = 1;
	status = run_finish(&r, out);
	keys_free(r.keys);
	dedup_free(r.dedup);
	rules_free(r.rules);
	return status;
}
