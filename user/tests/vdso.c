/*
 * vdso.c - the vDSO every program finds at AT_SYSINFO_EHDR, as Linux's:
 * an ELF shared object whose __vdso_clock_gettime, __vdso_gettimeofday,
 * __vdso_time and __vdso_getcpu (version LINUX_2.6) answer as the
 * system calls do, without entering the kernel.
 *
 * The test finds the functions itself, as a libc does: the ELF header at
 * AT_SYSINFO_EHDR, its PT_LOAD (the load bias) and PT_DYNAMIC, the
 * dynamic symbol table through DT_HASH (DT_GNU_HASH alone on Linux's
 * newer vDSOs: then the symbols are walked through the section headers'
 * .dynsym). Each clock read through the vDSO must lie between two reads
 * of the same clock through the system call; a clock the vDSO does not
 * serve itself goes to the system call, errors included (-EINVAL, as the
 * raw call returns it). The vDSO is read-only (a write faults), is there
 * in a fork child and after exec.
 */
#include "utest.h"

#include <elf.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>

typedef int (*cgt_fn)(clockid_t, struct timespec *);
typedef int (*gtod_fn)(struct timeval *, void *);
typedef long (*time_fn)(long *);
typedef int (*getcpu_fn)(unsigned int *, unsigned int *, void *);

static cgt_fn vdso_cgt;
static gtod_fn vdso_gtod;
static time_fn vdso_time;
static getcpu_fn vdso_getcpu;

/* The address of the vDSO's symbol name, or NULL. */
static void *vdso_sym(const char *name)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)getauxval(AT_SYSINFO_EHDR);
	const Elf64_Phdr *ph;
	const Elf64_Dyn *dyn = NULL;
	const Elf64_Sym *sym = NULL;
	const char *str = NULL;
	unsigned long bias = 0, nsyms = 0;
	bool have_load = false;

	if (!eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return NULL;
	ph = (const Elf64_Phdr *)((const char *)eh + eh->e_phoff);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !have_load) {
			bias = (unsigned long)eh + ph[i].p_offset - ph[i].p_vaddr;
			have_load = true;
		} else if (ph[i].p_type == PT_DYNAMIC) {
			dyn = (const Elf64_Dyn *)((const char *)eh + ph[i].p_offset);
		}
	}
	if (!have_load || !dyn)
		return NULL;
	for (; dyn->d_tag != DT_NULL; dyn++) {
		if (dyn->d_tag == DT_SYMTAB)
			sym = (const Elf64_Sym *)(bias + dyn->d_un.d_ptr);
		else if (dyn->d_tag == DT_STRTAB)
			str = (const char *)(bias + dyn->d_un.d_ptr);
		else if (dyn->d_tag == DT_HASH)
			nsyms = ((const Elf64_Word *)(bias + dyn->d_un.d_ptr))[1];
	}
	if (!nsyms && eh->e_shoff) {
		/* No DT_HASH: the number of symbols from .dynsym's header. */
		const Elf64_Shdr *sh = (const Elf64_Shdr *)((const char *)eh + eh->e_shoff);

		for (int i = 0; i < eh->e_shnum; i++)
			if (sh[i].sh_type == SHT_DYNSYM)
				nsyms = sh[i].sh_size / sizeof(Elf64_Sym);
	}
	if (!sym || !str)
		return NULL;
	for (unsigned long i = 0; i < nsyms; i++)
		if (sym[i].st_shndx != SHN_UNDEF && ELF64_ST_TYPE(sym[i].st_info) == STT_FUNC &&
		    strcmp(str + sym[i].st_name, name) == 0)
			return (void *)(bias + sym[i].st_value);
	return NULL;
}

static bool find_all(void)
{
	vdso_cgt = (cgt_fn)vdso_sym("__vdso_clock_gettime");
	vdso_gtod = (gtod_fn)vdso_sym("__vdso_gettimeofday");
	vdso_time = (time_fn)vdso_sym("__vdso_time");
	vdso_getcpu = (getcpu_fn)vdso_sym("__vdso_getcpu");
	return CHECKF(vdso_cgt && vdso_gtod && vdso_time && vdso_getcpu,
		      "missing from the vDSO:%s%s%s%s", vdso_cgt ? "" : " __vdso_clock_gettime",
		      vdso_gtod ? "" : " __vdso_gettimeofday", vdso_time ? "" : " __vdso_time",
		      vdso_getcpu ? "" : " __vdso_getcpu");
}

static long long ts_ns(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static void vdso_is_an_elf_shared_object(void)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)getauxval(AT_SYSINFO_EHDR);

	if (!CHECKF(eh != NULL, "no AT_SYSINFO_EHDR"))
		return;
	CHECK(memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0);
	CHECK_EQ(eh->e_ident[EI_CLASS], ELFCLASS64);
	CHECK_EQ(eh->e_type, ET_DYN);
	CHECK_EQ(eh->e_machine, EM_X86_64);
	CHECK_EQ((unsigned long)eh % 4096, 0);
	find_all();
}

/* A clock through the vDSO lies between two system-call reads of it. */
static void vdso_clock_gettime_matches_syscall(void)
{
	static const clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC,
					    CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE };

	if (!find_all())
		return;
	for (size_t c = 0; c < sizeof(clocks) / sizeof(clocks[0]); c++) {
		for (int i = 0; i < 100; i++) {
			struct timespec a, v, b;

			if (!CHECK_SYS(syscall(SYS_clock_gettime, clocks[c], &a)) ||
			    !CHECK_EQ(vdso_cgt(clocks[c], &v), 0) ||
			    !CHECK_SYS(syscall(SYS_clock_gettime, clocks[c], &b)))
				return;
			if (!CHECKF(ts_ns(&a) <= ts_ns(&v) && ts_ns(&v) <= ts_ns(&b) &&
				    v.tv_nsec >= 0 && v.tv_nsec < 1000000000,
				    "clock %d: syscall %lld, vDSO %lld, syscall %lld", clocks[c],
				    ts_ns(&a), ts_ns(&v), ts_ns(&b)))
				return;
		}
	}
}

static void vdso_gettimeofday_and_time_match_syscall(void)
{
	struct timeval a, v, b;
	struct timezone tz = { 77, 77 }, stz = { 88, 88 };
	long t1, tv, t2, tout = -1;

	if (!find_all())
		return;
	CHECK_SYS(syscall(SYS_gettimeofday, &a, NULL));
	CHECK_EQ(vdso_gtod(&v, NULL), 0);
	CHECK_SYS(syscall(SYS_gettimeofday, &b, NULL));
	long long an = a.tv_sec * 1000000LL + a.tv_usec, vn = v.tv_sec * 1000000LL + v.tv_usec,
		  bn = b.tv_sec * 1000000LL + b.tv_usec;
	CHECKF(an <= vn && vn <= bn, "gettimeofday: %lld %lld %lld", an, vn, bn);
	/* The time zone: what the system call says. */
	CHECK_EQ(vdso_gtod(&v, &tz), 0);
	CHECK_SYS(syscall(SYS_gettimeofday, &b, &stz));
	CHECK(tz.tz_minuteswest == stz.tz_minuteswest && tz.tz_dsttime == stz.tz_dsttime);
	CHECK_EQ(vdso_gtod(NULL, NULL), 0);

	t1 = time(NULL);
	tv = vdso_time(&tout);
	t2 = time(NULL);
	CHECKF(t1 <= tv && tv <= t2 && tout == tv, "time: %ld %ld(%ld) %ld", t1, tv, tout, t2);
	CHECK(vdso_time(NULL) >= tv);
}

/* Clocks the vDSO leaves to the kernel: the same answers, errors too. */
static void vdso_falls_back_to_syscall(void)
{
	struct timespec ts;
	unsigned int cpu = 99, node = 99;

	if (!find_all())
		return;
	CHECK_EQ(vdso_cgt(CLOCK_PROCESS_CPUTIME_ID, &ts), 0);
	CHECK(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	CHECK_EQ(vdso_cgt(-1, &ts), -EINVAL);
	CHECK_EQ(vdso_cgt(1000, &ts), -EINVAL);
	CHECK_EQ(vdso_getcpu(&cpu, &node, NULL), 0);
	CHECKF(cpu < (unsigned int)sysconf(_SC_NPROCESSORS_CONF), "getcpu: cpu %u", cpu);
	CHECK_EQ(vdso_getcpu(NULL, NULL, NULL), 0);
}

/* The vDSO's pages are read-only to the program. */
static void vdso_is_read_only(void)
{
	char *p = (char *)getauxval(AT_SYSINFO_EHDR);

	if (!CHECKF(p != NULL, "no AT_SYSINFO_EHDR"))
		return;
	CHECK(ut_write_segfaults(p));
	CHECK(memcmp(p, ELFMAG, SELFMAG) == 0);
}

/* /proc/self/maps names it: the [vdso] line starts at AT_SYSINFO_EHDR. */
static void vdso_named_in_maps(void)
{
	unsigned long ehdr = getauxval(AT_SYSINFO_EHDR), start, end;
	char line[512];
	bool found = false;
	FILE *f = fopen("/proc/self/maps", "r");

	if (!CHECK(f != NULL))
		return;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "[vdso]") && sscanf(line, "%lx-%lx", &start, &end) == 2) {
			found = true;
			CHECKF(start == ehdr && end > start, "[vdso] at %#lx-%#lx, AT_SYSINFO_EHDR %#lx",
			       start, end, ehdr);
			CHECKF(strncmp(strchr(line, ' '), " r-xp ", 6) == 0, "[vdso]: %s", line);
		}
	fclose(f);
	CHECKF(found, "no [vdso] line in /proc/self/maps");
}

/* A fork child has it where its parent had it, and it works there. */
static void vdso_in_fork_child(void)
{
	unsigned long ehdr = getauxval(AT_SYSINFO_EHDR);
	pid_t pid;

	if (!find_all())
		return;
	pid = ut_fork();
	if (pid == 0) {
		struct timespec ts;

		CHECK_EQ(vdso_cgt(CLOCK_MONOTONIC, &ts), 0);
		CHECK(memcmp((void *)ehdr, ELFMAG, SELFMAG) == 0);
		ut_child_exit();
	}
	CHECK_EXITED(pid, 0);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(vdso_is_an_elf_shared_object);
	RUN(vdso_clock_gettime_matches_syscall);
	RUN(vdso_gettimeofday_and_time_match_syscall);
	RUN(vdso_falls_back_to_syscall);
	RUN(vdso_is_read_only);
	RUN(vdso_in_fork_child);
	RUN(vdso_named_in_maps);
	return ut_done();
}
