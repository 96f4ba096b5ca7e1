/*
 * elf_mutate.c - the kernel's ELF loader against thousands of crafted
 * programs: copies of the tiny program of elftest.h, each with one field
 * of its ELF header or of one program header changed, are exec'd one by
 * one in a child, and each must end as it ends on Linux.
 *
 * The mutations are a fixed list, made by a generator with a fixed seed:
 * for every field (each byte of e_ident, every other ELF header field,
 * every field of each of the three program headers) its edge values (0,
 * 1, all ones, the top bit, the largest signed value, ...), values that
 * mean something for that kind of field (addresses just below and above
 * TASK_SIZE and in kernel space, offsets at and past the end of the file,
 * unaligned ones, segments moved onto each other, e_phnum 0/4/5/73/74/
 * 65535, p_type PT_INTERP, ...) and random values of random widths.
 *
 * Linux is the oracle, and its answers are in elf_mutate_expect.h, made
 * on the host with `elf_mutate --record` (which runs every mutation twice
 * and marks the ones whose outcome varied between the runs): for each
 * mutation, the errno of a failed execve, or the exit status or signal of
 * the child when the exec went through. On Linux the test checks that the
 * table still holds (a stale table fails there first); on keyhole, that
 * keyhole gives the same answer for every mutation. The table carries a
 * checksum of the mutation list, so a changed generator with an old table
 * fails at once rather than comparing the wrong rows.
 *
 * Segments are file mappings on both (kernel/binfmt_elf.c), so a program
 * that touches a segment page wholly past the end of its file dies of
 * SIGBUS on keyhole as on Linux. Where an exact match is not asked for,
 * and why:
 *   - the outcome varied between two runs on Linux (none so far).
 *   - p_memsz values from 128 MiB to 64 GiB are not generated: Linux
 *     refuses a .bss larger than RAM + swap (its overcommit guess), so the
 *     answer depends on the machine's memory (24 GiB host, 256 MiB guest).
 *   - e_machine EM_386 (3) and EM_486 (6) are not generated: Linux's IA32
 *     emulation would read the file as a 32-bit ELF; keyhole has none.
 *
 * Then the same for a program with an interpreter (tiny_dyn_build: the
 * program exits 42, the interpreter, a tiny ET_DYN of its own, 43): each
 * field of the interpreter's ELF header and two program headers, and of
 * the program's PT_INTERP, changed one at a time (load_elf_binary's
 * checks of the interpreter before its point of no return: ENOENT,
 * EACCES, EIO, ELIBBAD, ENOEXEC; load_elf_interp's after it: SIGSEGV).
 *
 * The rows are run in nine cases: the ELF header, each program header,
 * 1000 pairs of two one-field mutations of different fields, and the
 * four parts of the interpreter rows (generated after the pairs, so the
 * rows before them kept their places and answers). Every
 * case also checks that free memory comes back (exactly, on keyhole)
 * after its execs. On keyhole the 6165 execs take a few seconds.
 */
#include "elftest.h"

#include <stddef.h>
#include <sys/utsname.h>

#include "elf_mutate_expect.h"

#define PATH "/tmp/elf_mutate.prog"
#define ALARM_S 5

/* Expected outcomes, as in elf_mutate_expect.h. */
#define OUT_ERRNO(e)    (e)
#define OUT_EXIT(c)     (0x100 | (c))
#define OUT_SIGNAL(s)   (0x200 | (s))
#define OUT_VARIES      0x400

enum part {
	P_EHDR, P_PHDR0, P_PHDR1, P_PHDR2, P_PAIRS,
	/* A program with an interpreter (tiny_dyn_build): the interpreter's
	 * ELF header and program headers, and the program's PT_INTERP. */
	P_IEHDR, P_IPHDR0, P_IPHDR1, P_PINTERP,
};

enum kind {
	K_IDENT,        /* a byte of e_ident */
	K_PLAIN,        /* a field no loader should care about much */
	K_TYPE,         /* e_type / p_type */
	K_MACHINE,
	K_ADDR,         /* e_entry, p_vaddr, p_paddr */
	K_OFFSET,       /* e_phoff, p_offset, e_shoff */
	K_FILESZ,
	K_MEMSZ,
	K_COUNT,        /* e_phnum, e_phentsize, ... */
	K_FLAGS,        /* p_flags */
	K_ALIGN,
};

struct field {
	const char *name;
	enum part part;
	size_t off;             /* in the ELF header or the program header */
	int width;              /* bytes */
	enum kind kind;
};

#define EF(f, k)  { "e_" #f, P_EHDR, offsetof(Elf64_Ehdr, e_##f), sizeof(((Elf64_Ehdr *)0)->e_##f), k }
#define PF(i, f, k) { "ph" #i ".p_" #f, P_PHDR##i, offsetof(Elf64_Phdr, p_##f), \
		      sizeof(((Elf64_Phdr *)0)->p_##f), k }
#define PHDR_FIELDS(i) PF(i, type, K_TYPE), PF(i, flags, K_FLAGS), PF(i, offset, K_OFFSET), \
	PF(i, vaddr, K_ADDR), PF(i, paddr, K_ADDR), PF(i, filesz, K_FILESZ), \
	PF(i, memsz, K_MEMSZ), PF(i, align, K_ALIGN)
/* The same for the interpreter (IEF, IPF) and the program's PT_INTERP (PIF). */
#define IEF(f, k) { "interp.e_" #f, P_IEHDR, offsetof(Elf64_Ehdr, e_##f), \
		    sizeof(((Elf64_Ehdr *)0)->e_##f), k }
#define PPF(name, part, f, k) { name ".p_" #f, part, offsetof(Elf64_Phdr, p_##f), \
				sizeof(((Elf64_Phdr *)0)->p_##f), k }
#define PART_FIELDS(name, part) PPF(name, part, type, K_TYPE), PPF(name, part, flags, K_FLAGS), \
	PPF(name, part, offset, K_OFFSET), PPF(name, part, vaddr, K_ADDR), \
	PPF(name, part, paddr, K_ADDR), PPF(name, part, filesz, K_FILESZ), \
	PPF(name, part, memsz, K_MEMSZ), PPF(name, part, align, K_ALIGN)

static const struct field fields[] = {
	EF(type, K_TYPE), EF(machine, K_MACHINE), EF(version, K_PLAIN), EF(entry, K_ADDR),
	EF(phoff, K_OFFSET), EF(shoff, K_OFFSET), EF(flags, K_PLAIN), EF(ehsize, K_COUNT),
	EF(phentsize, K_COUNT), EF(phnum, K_COUNT), EF(shentsize, K_COUNT),
	EF(shnum, K_COUNT), EF(shstrndx, K_COUNT),
	PHDR_FIELDS(0), PHDR_FIELDS(1), PHDR_FIELDS(2),
	/* Generated after the pairs, so the rows above keep their places. */
	IEF(type, K_TYPE), IEF(machine, K_MACHINE), IEF(version, K_PLAIN), IEF(entry, K_ADDR),
	IEF(phoff, K_OFFSET), IEF(flags, K_PLAIN), IEF(ehsize, K_COUNT), IEF(phentsize, K_COUNT),
	IEF(phnum, K_COUNT),
	PART_FIELDS("interp.ph0", P_IPHDR0), PART_FIELDS("interp.ph1", P_IPHDR1),
	PART_FIELDS("prog.interp", P_PINTERP),
};

struct mutation {
	short field;            /* index in fields[], or -1 - n for e_ident[n], or
				 * IDENT_INTERP - n for the interpreter's e_ident[n] */
	unsigned long value;
	short field2;           /* a second change, or NO_FIELD */
	unsigned long value2;
};

#define NO_FIELD (-100)
#define IDENT_INTERP (-1000)
#define NPAIRS 1000             /* two-field mutations, after the one-field ones */

#define MAX_MUTATIONS 8192
static struct mutation muts[MAX_MUTATIONS];
static int nmuts;

static unsigned long long rng_state = 0x6b6579686f6c6539ULL;   /* fixed: the table depends on it */

static unsigned long long rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static void add(int field, unsigned long value)
{
	if (nmuts < MAX_MUTATIONS)
		muts[nmuts++] = (struct mutation){ (short)field, value, NO_FIELD, 0 };
}

static unsigned long width_mask(int width)
{
	return width == 8 ? ~0UL : (1UL << (8 * width)) - 1;
}

/* A random value of a random number of bits, for a field of width bytes. */
static unsigned long random_value(int width, enum kind kind)
{
	for (;;) {
		int bits = (int)(rng() % (unsigned)(8 * width + 1));
		unsigned long v = bits == 64 ? rng() : rng() & ((1UL << bits) - 1);

		/* .bss sizes whose fate depends on the machine's RAM: see above. */
		if (kind == K_MEMSZ && v >= (128UL << 20) && v < (64UL << 30))
			continue;
		if (kind == K_MACHINE && (v == EM_386 || v == 6))
			continue;
		return v & width_mask(width);
	}
}

static void gen_field(int f, int nrandom)
{
	const struct field *fd = &fields[f];
	unsigned long m = width_mask(fd->width), top = (m >> 1) + 1;
	const unsigned long edges[] = { 0, 1, 2, 7, 8, 0x7f, 0x80, 0xff, m, m - 1, top, top - 1,
					top + 1 };

	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		add(f, edges[i] & m);
	switch (fd->kind) {
	case K_TYPE:
		for (unsigned long t = 0; t <= 8; t++)
			add(f, t);
		add(f, PT_GNU_STACK);
		add(f, PT_GNU_STACK + 1);       /* PT_GNU_RELRO */
		add(f, 0x6474e553);             /* PT_GNU_PROPERTY */
		add(f, 0x60000000);
		add(f, 0x70000000);             /* PT_LOPROC */
		break;
	case K_MACHINE:
		add(f, EM_X86_64 + 1);
		add(f, 183);                    /* EM_AARCH64 */
		add(f, 243);                    /* EM_RISCV */
		break;
	case K_ADDR: {
		const unsigned long a[] = {
			TINY_BASE, TINY_BASE + 1, TINY_BASE + TINY_CODE_OFF,
			TINY_BASE + TINY_CODE_OFF + 7, TINY_BASE + TINY_CODE_OFF + 14,
			TINY_BASE + 0x1000, TINY_BASE - 0x1000, TINY_DATA_VA, TINY_DATA_VA - 0x1000,
			TINY_DATA_VA + 0x1000, TINY_BASE + TINY_DATA_OFF, 0x1000, 0x10000,
			0x7ffffffff000UL - 0x1000, 0x7ffffffff000UL - 0x1000 + TINY_DATA_OFF,
			0x7ffffffff000UL, 0x7ffffffff000UL - 1, 0x800000000000UL,
			0x7fffffffffffUL, 0xffff800000000000UL, 0xffffffff80000000UL,
			0x8000000000000000UL, -8UL, -4096UL, 0x555555554000UL,
		};
		for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++)
			add(f, a[i] & m);
		break;
	}
	case K_OFFSET: {
		const unsigned long o[] = {
			TINY_SIZE, TINY_SIZE - 1, TINY_SIZE + 1, TINY_SIZE - 56, TINY_SIZE - 55,
			TINY_DATA_OFF, TINY_CODE_OFF, 64, 63, 65, 120, 176, 0x1000,
			0x1000 + TINY_DATA_OFF, 0x2000, 0x7fffffffffffffffUL,
			0x7ffffffffffff000UL, 0x7ffffffffffff000UL + TINY_DATA_OFF, -4096UL,
		};
		for (size_t i = 0; i < sizeof(o) / sizeof(o[0]); i++)
			add(f, o[i] & m);
		break;
	}
	case K_FILESZ:
	case K_MEMSZ: {
		const unsigned long s[] = {
			TINY_SIZE, TINY_SIZE - 1, TINY_SIZE + 1, 0x1000, 0xfff, 0x1001, 0x1800,
			0x1801, 0x2000, 0xee0, 0xee1, 0x10000, 0x7ffffffff000UL,
			0x7ffffffff000UL - TINY_BASE, 0x7ffffffff000UL - TINY_BASE + 1,
			0x7ffffffff000UL - TINY_DATA_VA, 0x7ffffffff000UL - TINY_DATA_VA + 1,
			1UL << 46, 1UL << 47,
		};
		for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
			add(f, s[i] & m);
		break;
	}
	case K_COUNT:
		for (unsigned long c = 3; c <= 6; c++)
			add(f, c);
		add(f, 55);
		add(f, 56);
		add(f, 57);
		add(f, 64);
		add(f, 73);
		add(f, 74);
		add(f, 112);
		add(f, 0x1000 / 56 + 1);
		break;
	case K_FLAGS:
		for (unsigned long fl = 0; fl <= 7; fl++)
			add(f, fl);
		add(f, 0x8 | PF_R | PF_X);
		add(f, 0xf0000000 | PF_R | PF_W);
		break;
	case K_ALIGN:
		add(f, 0x1000);
		add(f, 0x800);
		add(f, 0x200000);
		add(f, 0x1001);
		add(f, 3);
		add(f, 1UL << 40);
		break;
	case K_IDENT:
	case K_PLAIN:
		break;
	}
	for (int i = 0; i < nrandom; i++)
		add(f, random_value(fd->width, fd->kind));
}

static void generate(void)
{
	static const unsigned long ident_v[] = { 0, 1, 2, 3, 0x7f, 0x80, 0xff };
	const int nfields = (int)(sizeof(fields) / sizeof(fields[0]));

	nmuts = 0;
	for (int i = 0; i < EI_NIDENT; i++) {
		for (size_t k = 0; k < sizeof(ident_v) / sizeof(ident_v[0]); k++)
			add(-1 - i, ident_v[k]);
		for (int k = 0; k < 4; k++)
			add(-1 - i, rng() & 0xff);
	}
	for (int f = 0; f < nfields && fields[f].part <= P_PHDR2; f++)
		gen_field(f, 60);
	/* Pairs of one-field mutations of two different fields. */
	for (int n = nmuts, i = 0; i < NPAIRS && nmuts < MAX_MUTATIONS;) {
		const struct mutation *a = &muts[rng() % (unsigned)n], *b = &muts[rng() % (unsigned)n];

		if (a->field == b->field)
			continue;
		muts[nmuts++] = (struct mutation){ a->field, a->value, b->field, b->value };
		i++;
	}
	/* The interpreter's header and program headers, the program's PT_INTERP. */
	for (int i = 0; i < EI_NIDENT; i++) {
		for (size_t k = 0; k < sizeof(ident_v) / sizeof(ident_v[0]); k++)
			add(IDENT_INTERP - i, ident_v[k]);
		add(IDENT_INTERP - i, rng() & 0xff);
	}
	for (int f = 0; f < nfields; f++)
		if (fields[f].part >= P_IEHDR)
			gen_field(f, 20);
}

static unsigned long long checksum(void)
{
	unsigned long long h = 1469598103934665603ULL;

	for (int i = 0; i < nmuts; i++) {
		h = (h ^ (unsigned long long)(unsigned short)muts[i].field) * 1099511628211ULL;
		h = (h ^ muts[i].value) * 1099511628211ULL;
		if (muts[i].field2 != NO_FIELD) {
			h = (h ^ (unsigned long long)(unsigned short)muts[i].field2) * 1099511628211ULL;
			h = (h ^ muts[i].value2) * 1099511628211ULL;
		}
	}
	return h;
}

/* The files of a row: the program, and the interpreter if the row has one. */
struct files {
	struct tiny_elf prog, interp;
	bool with_interp;
};

#define INTERP_PATH "/tmp/elf_mutate.interp"
#define INTERP_EXIT 43          /* the interpreter's exit code; the program's is 42 */

static enum part field_part(int field)
{
	if (field <= IDENT_INTERP)
		return P_IEHDR;
	return field < 0 ? P_EHDR : fields[field].part;
}

static void apply_one(struct files *fs, int field, unsigned long value)
{
	enum part part = field_part(field);
	struct tiny_elf *t = part >= P_IEHDR && part != P_PINTERP ? &fs->interp : &fs->prog;
	unsigned char *base;
	const struct field *fd;

	if (field <= IDENT_INTERP) {
		t->bytes[IDENT_INTERP - field] = (unsigned char)value;
		return;
	}
	if (field < 0) {
		t->bytes[-1 - field] = (unsigned char)value;
		return;
	}
	fd = &fields[field];
	switch (fd->part) {
	case P_EHDR: case P_IEHDR:
		base = t->bytes;
		break;
	case P_PINTERP:
		base = (unsigned char *)tiny_phdr(t, 1);        /* the program's PT_INTERP */
		break;
	case P_IPHDR0: case P_IPHDR1:
		base = (unsigned char *)tiny_phdr(t, fd->part - P_IPHDR0);
		break;
	default:
		base = (unsigned char *)tiny_phdr(t, fd->part - P_PHDR0);
		break;
	}
	memcpy(base + fd->off, &value, (size_t)fd->width);     /* little-endian */
}

static void apply(struct files *fs, const struct mutation *mu)
{
	fs->with_interp = field_part(mu->field) >= P_IEHDR;
	if (fs->with_interp) {
		tiny_dyn_build(&fs->prog, ET_EXEC, INTERP_PATH, TINY_EXIT);
		tiny_dyn_build(&fs->interp, ET_DYN, NULL, INTERP_EXIT);
	} else {
		tiny_build(&fs->prog);
	}
	apply_one(fs, mu->field, mu->value);
	if (mu->field2 != NO_FIELD)
		apply_one(fs, mu->field2, mu->value2);
}

static int describe_one(int field, unsigned long value, char *buf, size_t len)
{
	if (field <= IDENT_INTERP)
		return snprintf(buf, len, "interp.e_ident[%d] = %#lx", IDENT_INTERP - field, value);
	if (field < 0)
		return snprintf(buf, len, "e_ident[%d] = %#lx", -1 - field, value);
	return snprintf(buf, len, "%s = %#lx", fields[field].name, value);
}

static void describe(const struct mutation *mu, char *buf, size_t len)
{
	int n = describe_one(mu->field, mu->value, buf, len);

	if (mu->field2 != NO_FIELD && n > 0 && (size_t)n + 2 < len) {
		memcpy(buf + n, ", ", 3);
		describe_one(mu->field2, mu->value2, buf + n + 2, len - (size_t)n - 2);
	}
}

static int outcome(const struct exec_result *r)
{
	if (r->err)
		return OUT_ERRNO(r->err);
	if (WIFEXITED(r->status))
		return OUT_EXIT(WEXITSTATUS(r->status));
	if (WIFSIGNALED(r->status))
		return OUT_SIGNAL(WTERMSIG(r->status));
	return 0x800 | (r->status & 0xff);
}

static const char *outcome_str(int o)
{
	static char buf[2][64];
	static int which;
	char *b = buf[which++ & 1];

	if (o == OUT_VARIES)
		snprintf(b, 64, "varies");
	else if (o < 0x100)
		snprintf(b, 64, "execve: %s", strerror(o));
	else if ((o & ~0xff) == 0x100)
		snprintf(b, 64, "exit %d", o & 0xff);
	else if ((o & ~0xff) == 0x200)
		snprintf(b, 64, "signal %d", o & 0xff);
	else
		snprintf(b, 64, "status %#x", o);
	return b;
}

static int run_one(int i)
{
	static struct files fs;
	struct exec_result r = { -1, -1 };

	apply(&fs, &muts[i]);
	if (tiny_write(&fs.prog, PATH) < 0)
		return -errno;
	if (fs.with_interp && tiny_write(&fs.interp, INTERP_PATH) < 0)
		return -errno;
	if (!exec_file(PATH, ALARM_S, &r))
		return -1;
	return outcome(&r);
}

/* Whether got is what Linux gave (want), allowing what the header lists. */
static bool matches(int want, int got)
{
	if (want == got || want == OUT_VARIES)
		return true;
	return false;
}

static int range_lo, range_hi;  /* the rows a case runs */

static void run_range(void)
{
	for (int i = range_lo; i < range_hi; i++) {
		int want = elf_mutate_expect[i], got = run_one(i);
		char what[160];

		describe(&muts[i], what, sizeof(what));
		CHECKF(matches(want, got), "mutation %d (%s): Linux %s, here %s", i, what,
		       outcome_str(want), outcome_str(got));
	}
	unlink(PATH);
	unlink(INTERP_PATH);
}

static enum part part_of(const struct mutation *mu)
{
	if (mu->field2 != NO_FIELD)
		return P_PAIRS;
	return field_part(mu->field);
}

/* A case: the rows whose field lies in part, with free memory checked. */
static void mutate_part(const void *arg)
{
	enum part part = (enum part)(long)arg;

	if (!CHECKF(ELF_MUTATE_N == nmuts && ELF_MUTATE_CHECKSUM == checksum(),
		    "elf_mutate_expect.h is for another mutation list (%d rows, checksum %#llx; "
		    "the generator makes %d, %#llx): run elf_mutate --record on Linux",
		    ELF_MUTATE_N, ELF_MUTATE_CHECKSUM, nmuts, checksum()))
		return;
	for (range_lo = 0; range_lo < nmuts; range_lo++) {
		if (part_of(&muts[range_lo]) == part)
			break;
	}
	for (range_hi = range_lo; range_hi < nmuts; range_hi++)
		if (part_of(&muts[range_hi]) != part)
			break;
	/* Warm up the caches with a few, then free memory must come back over
	 * the whole range: exactly on keyhole; on Linux, the smallest drop of
	 * three rounds within its noise (a leak shows in every round; other
	 * processes on a busy host allocate for a few, which moved even the
	 * median of ut_check_no_leak by 100-200 MiB here). */
	int hi = range_hi, rounds = ut_on_linux() ? 3 : 1;
	long drops[3];

	range_hi = range_lo + 10 < hi ? range_lo + 10 : hi;
	run_range();
	range_hi = hi;
	for (int r = 0; r < rounds; r++) {
		long before = ut_freeram();

		run_range();
		drops[r] = before - ut_freeram();
	}
	qsort(drops, (size_t)rounds, sizeof(drops[0]), ut_cmp_long);
	if (ut_on_linux())
		CHECKF(drops[0] <= UT_LINUX_TOLERANCE,
		       "freeram dropped by %ld KiB (the least of %d rounds) over %d execs",
		       drops[0] >> 10, rounds, range_hi - range_lo);
	else
		CHECKF(drops[0] == 0, "freeram dropped by %ld bytes (%ld pages) over %d execs",
		       drops[0], drops[0] / 4096, range_hi - range_lo);
}

/* On the host: run every mutation twice and print the table. */
static int record(void)
{
	struct utsname u;

	uname(&u);
	printf("/*\n * elf_mutate_expect.h - what Linux does with each mutation of elf_mutate.c.\n"
	       " * Made by `elf_mutate --record` on %s %s; do not edit.\n"
	       " * 1-255: execve's errno; 0x1NN: exit NN; 0x2NN: killed by signal NN;\n"
	       " * 0x400: varied between two runs.\n */\n", u.sysname, u.release);
	printf("#define ELF_MUTATE_N %d\n#define ELF_MUTATE_CHECKSUM %#llxULL\n\n", nmuts,
	       checksum());
	printf("static const short elf_mutate_expect[%d] = {", nmuts);
	for (int i = 0; i < nmuts; i++) {
		int a = run_one(i), b = run_one(i);
		char what[160];

		if (a < 0 || b < 0) {
			fprintf(stderr, "elf_mutate: row %d: cannot run (%d %d)\n", i, a, b);
			return 1;
		}
		if (a != b) {
			describe(&muts[i], what, sizeof(what));
			fprintf(stderr, "elf_mutate: row %d (%s) varies: %s, then %s\n", i, what,
				outcome_str(a), outcome_str(b));
		}
		printf("%s0x%03x,", i % 8 ? " " : "\n\t", a == b ? a : OUT_VARIES);
	}
	printf("\n};\n");
	unlink(PATH);
	unlink(INTERP_PATH);
	return 0;
}

int main(int argc, char **argv)
{
	generate();
	if (argc == 2 && strcmp(argv[1], "--record") == 0)
		return record();
	ut_init(argc, argv);
	ut_run_with("elf_mutate_ehdr", mutate_part, (void *)(long)P_EHDR);
	ut_run_with("elf_mutate_phdr_text", mutate_part, (void *)(long)P_PHDR0);
	ut_run_with("elf_mutate_phdr_data", mutate_part, (void *)(long)P_PHDR1);
	ut_run_with("elf_mutate_phdr_stack", mutate_part, (void *)(long)P_PHDR2);
	ut_run_with("elf_mutate_pairs", mutate_part, (void *)(long)P_PAIRS);
	ut_run_with("elf_mutate_interp_ehdr", mutate_part, (void *)(long)P_IEHDR);
	ut_run_with("elf_mutate_interp_phdr_text", mutate_part, (void *)(long)P_IPHDR0);
	ut_run_with("elf_mutate_interp_phdr_stack", mutate_part, (void *)(long)P_IPHDR1);
	ut_run_with("elf_mutate_prog_pt_interp", mutate_part, (void *)(long)P_PINTERP);
	return ut_done();
}
