/*
 * The POSIX/Vixie cron reference for the differential test (issue 16): Debian's `cron`
 * (Vixie cron 3.0pl1 with Debian's patches), built by test/differential/build-refs.ts from the
 * source that test/setup/35-vixie-cron.sh fetches with `apt-get source cron`.
 *
 * Nothing of Vixie's logic is rewritten here. This file includes Debian's cron.c (its main()
 * renamed) and is linked with Debian's entry.c (the parser), job.c (the run queue), misc.c and
 * env.c. Per case it runs cron's own main() (`cron -f`): the real daemon loop with its
 * minute clock, its four wake-up cases for DST and clock changes, its find_jobs() (the
 * day-of-month / day-of-week OR rule) and its job queue. What the daemon would touch outside
 * is replaced at link time (-Wl,--wrap): the clock (time, sleep) is simulated, starting at the
 * case's instant and advanced only by cron's own sleep() calls; the crontab "database" is the
 * one line `<expression> true`; running a job (do_command) records the current minute;
 * pid lock, uid and cwd changes, syslog and the @reboot marker file are no-ops.
 * DST in a local zone (TZ is set per case) is therefore exactly what cron does: its clock is
 * wall-clock minutes (time + GMT offset); on a jump forward of 6-180 minutes it runs the
 * wildcard jobs (minute or hour field starting with `*`) for the new minute only and every
 * fixed-time job of the skipped minutes at once; on a jump back of up to 3 hours it runs only
 * the wildcard jobs until the clock catches up (fixed-time jobs do not repeat).
 *
 * Input: one JSON object per line, {"expr": ..., "tz": ..., "from": "YYYY-MM-DDTHH:MM:SSZ",
 * "count": n}. Output: one line per case, {"runs": ["...Z", ...]} (at most `count`, strictly
 * after `from`, searched until the end of the local year from+10 as the engine does) or
 * {"error": "..."}; "lenient": true is added when get_list() skipped characters it could not
 * read after a field's list (the one instrumented line, see vixie.ts); "until": "...Z" when the
 * search stopped early at cron's year-2038 limit (runs after it cannot be checked). Two readings of the harness, not of cron, make a line an error: extra
 * fields (cron would take them as the command; the line `<expr> true` must leave exactly
 * `true`) and @reboot (no time schedule).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>

#define main vixie_cron_main
#include "cron.c"
#undef main

/* ---- the simulated world ------------------------------------------------------------ */

static time_t sim_now;           /* the simulated clock, UTC seconds */
static jmp_buf sim_done;         /* where a finished case returns */
static int sim_spins;            /* time() calls since the last sleep(): a guard against a frozen clock */
static long long run_minutes[64];
static int run_count, run_wanted;
static time_t from_instant;
static time_t year_bound;        /* local midnight starting the year after from's UTC year + 10: the search stops there */
static entry *the_entry;
static user the_user;
static char parse_error[256];
static int cut_2038;             /* the search stopped at Vixie cron's year-2038 limit */
int zs_skipped_characters;      /* set by the instrumented copy of entry.c (see vixie.ts) */

time_t __wrap_time(time_t *out) {
	if (++sim_spins > 1000) { sim_now += 1; sim_spins = 0; }
	if (out) *out = sim_now;
	return sim_now;
}

static long gmtoff_at(time_t t) {
	struct tm local;
	localtime_r(&t, &local);
	return local.tm_gmtoff;
}

/*
 * Whether cron could run the entry at some minute of the wall-clock day of `t`: cron's own
 * find_jobs() asked about a copy of the entry with every minute and hour set (and not a
 * wildcard job), on a database of its own; do_command() notes the hit instead of a run.
 */
static entry probe_entry;
static user probe_user;
static cron_db probe_db;
static int probing, probe_hit;

static int day_can_match(time_t t) {
	memcpy(&probe_entry, the_entry, sizeof probe_entry);
	probe_entry.next = NULL;
	bit_nset(probe_entry.minute, 0, MINUTE_COUNT - 1);
	bit_nset(probe_entry.hour, 0, HOUR_COUNT - 1);
	probe_entry.flags &= ~(MIN_STAR | HR_STAR);
	memset(&probe_user, 0, sizeof probe_user);
	probe_user.crontab = &probe_entry;
	probe_db.head = probe_db.tail = &probe_user;
	probing = 1;
	probe_hit = 0;
	find_jobs((time_min)((t + gmtoff_at(t)) / SECONDS_PER_MINUTE), &probe_db, TRUE, TRUE);
	job_runqueue();
	probing = 0;
	return probe_hit;
}

unsigned int __wrap_sleep(unsigned int seconds) {
	sim_spins = 0;
	sim_now += seconds;
	/*
	 * A speed-up that changes no answer: while neither the rest of today nor tomorrow (wall
	 * clock) can match and the UTC offset stays the same, the clock moves a day at once. cron
	 * sees a clock jump and runs find_jobs for the new minute, which is what ticking through
	 * the skipped minutes would have led to: nothing could run in them.
	 */
	while (sim_now < year_bound && gmtoff_at(sim_now + 86400) == gmtoff_at(sim_now)
	       && !day_can_match(sim_now) && !day_can_match(sim_now + 86400))
		sim_now += 86400;
	/* Stop once enough runs are recorded or the search is past the end of the bounding year. */
	if (run_count >= run_wanted || sim_now >= year_bound) longjmp(sim_done, 1);
	return 0;
}

int __wrap_access(const char *path, int mode) { (void)path; (void)mode; return 0; }
void __wrap_acquire_daemonlock(int closeflag) { (void)closeflag; }
void __wrap_set_cron_uid(void) {}
void __wrap_set_cron_cwd(void) {}
void __wrap_log_it(const char *username, int pid, const char *event, const char *detail) {
	(void)username; (void)pid; (void)event; (void)detail;
}
void __wrap_log_close(void) {}

void load_database(cron_db *db) {
	db->head = db->tail = &the_user;
}

void check_orphans(cron_db *db) { (void)db; }

void do_command(entry *e, user *u) {
	(void)e; (void)u;
	if (probing) { probe_hit = 1; return; }
	long long minute = (long long)sim_now / 60 * 60;
	if (minute <= from_instant) return;
	if (run_count > 0 && run_minutes[run_count - 1] == minute) return;
	if (run_count < run_wanted) run_minutes[run_count++] = minute;
}

/* ---- parsing one crontab line with cron's own load_entry ----------------------------- */

static void on_parse_error(char *message) {
	snprintf(parse_error, sizeof parse_error, "%s", message);
}

static entry *parse_line(const char *expr) {
	static char *no_env[] = { NULL };
	char line[4096];
	snprintf(line, sizeof line, "%s true\n", expr);
	FILE *file = fmemopen(line, strlen(line), "r");
	if (!file) { snprintf(parse_error, sizeof parse_error, "fmemopen failed"); return NULL; }
	struct passwd *pw = getpwuid(getuid());
	parse_error[0] = '\0';
	zs_skipped_characters = 0;
	entry *e = load_entry(file, on_parse_error, pw, no_env);
	fclose(file);
	if (!e && !parse_error[0]) snprintf(parse_error, sizeof parse_error, "no entry (empty line)");
	if (e && strcmp(e->cmd, "true") != 0) {
		snprintf(parse_error, sizeof parse_error, "more than 5 fields (cron would run \"%s\")", e->cmd);
		free_entry(e);
		return NULL;
	}
	if (e && (e->flags & WHEN_REBOOT)) {
		snprintf(parse_error, sizeof parse_error, "@reboot: runs when cron starts, no time schedule");
		free_entry(e);
		return NULL;
	}
	return e;
}

/* ---- a minimal reader for the JSON lines the differential test writes ------------------ */

static int json_string(const char *line, const char *key, char *out, size_t size) {
	char pattern[64];
	snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
	const char *p = strstr(line, pattern);
	if (!p) return 0;
	p += strlen(pattern);
	size_t n = 0;
	while (*p && *p != '"' && n + 1 < size) {
		char c = *p++;
		if (c == '\\') {
			char esc = *p++;
			switch (esc) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u': { unsigned v = 0; sscanf(p, "%4x", &v); p += 4; c = v < 128 ? (char)v : '?'; break; }
			default: c = esc;
			}
		}
		out[n++] = c;
	}
	out[n] = '\0';
	return 1;
}

static long json_number(const char *line, const char *key) {
	char pattern[64];
	snprintf(pattern, sizeof pattern, "\"%s\":", key);
	const char *p = strstr(line, pattern);
	return p ? strtol(p + strlen(pattern), NULL, 10) : 0;
}

static void print_json_string(const char *s) {
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\') printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20) printf("\\u%04x", *s);
		else putchar(*s);
	}
	putchar('"');
}

static time_t parse_iso_utc(const char *text) {
	struct tm tm = {0};
	if (!strptime(text, "%Y-%m-%dT%H:%M:%SZ", &tm)) return (time_t)-1;
	return timegm(&tm);
}

/* ---- one case ----------------------------------------------------------------------- */

static void run_case(const char *line) {
	char expr[2048], tz[128], from[64];
	if (!json_string(line, "expr", expr, sizeof expr) || !json_string(line, "tz", tz, sizeof tz) || !json_string(line, "from", from, sizeof from)) {
		printf("{\"error\":\"bad input line\"}\n");
		return;
	}
	setenv("TZ", tz, 1);
	tzset();
	the_entry = parse_line(expr);
	if (!the_entry) {
		printf("{\"error\":");
		print_json_string(parse_error);
		printf("}\n");
		return;
	}
	/* No minute or no hour set (a backwards range such as 14-13 selects nothing): find_jobs tests
	 * both bits first, so cron can never run it; no need to simulate ten years. */
	int any_minute = 0, any_hour = 0;
	for (int i = 0; i < MINUTE_COUNT; i++) any_minute |= bit_test(the_entry->minute, i) != 0;
	for (int i = 0; i < HOUR_COUNT; i++) any_hour |= bit_test(the_entry->hour, i) != 0;
	memset(&the_user, 0, sizeof the_user);
	the_user.name = "zs";
	the_user.crontab = the_entry;

	from_instant = parse_iso_utc(from);
	struct tm start;
	gmtime_r(&from_instant, &start); /* the engine bounds its search by the UTC year of `from` + 10 */
	struct tm bound = {0};
	bound.tm_year = start.tm_year + 10 + 1;
	bound.tm_mday = 1;
	bound.tm_isdst = -1;
	year_bound = mktime(&bound);
	/* cron's find_jobs() computes vtime * 60 in int: wall-clock instants from 2038-01-19 on
	 * overflow (Vixie cron's year-2038 limit). The search stops before that, with a margin for
	 * the largest UTC offset, and the answer says where ("until") when that cut it short. */
	cut_2038 = 0;
	const time_t last_safe = (time_t)2147483647 - 14 * 3600 - 120;
	if (year_bound > last_safe) { year_bound = last_safe / 60 * 60; cut_2038 = 1; }
	run_wanted = (int)json_number(line, "count");
	if (run_wanted > 64) run_wanted = 64;
	run_count = 0;
	sim_now = from_instant;
	sim_spins = 0;

	if (any_minute && any_hour && setjmp(sim_done) == 0) {
		char *argv[] = { "cron", "-f", NULL };
		optind = 1;
		vixie_cron_main(2, argv);
	}
	free_entry(the_entry);
	the_entry = NULL;

	printf("{\"runs\":[");
	for (int i = 0; i < run_count; i++) {
		char text[32];
		time_t t = (time_t)run_minutes[i];
		struct tm utc;
		gmtime_r(&t, &utc);
		strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
		printf("%s\"%s\"", i ? "," : "", text);
	}
	/* "lenient": cron read the line only by skipping characters after a field's list. */
	printf("]%s", zs_skipped_characters ? ",\"lenient\":true" : "");
	if (cut_2038 && run_count < run_wanted) {
		char text[32];
		struct tm utc;
		gmtime_r(&year_bound, &utc);
		strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
		printf(",\"until\":\"%s\"", text);
	}
	printf("}\n");
}

int main(void) {
	char *line = NULL;
	size_t size = 0;
	ssize_t n;
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	while ((n = getline(&line, &size, stdin)) > 0) {
		if (n <= 1) continue;
		run_case(line);
	}
	free(line);
	return 0;
}
