/*
 * syscall.c - the system call table: Linux's x86_64 numbers, one line per
 * call, and the dispatcher that syscall.asm calls.
 *
 * A number keyhole does not implement returns -ENOSYS, as Linux does for
 * calls it does not have; the first time each such number is seen it is
 * logged, so a student can see what a program asked for.
 */
#include "kernel/errno.h"
#include "kernel/preempt.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "lib/bitmap.h"

/* number, name: the system calls keyhole implements. */
#define KEYHOLE_SYSCALLS(X)                                                    \
	X(0, read)                                                             \
	X(1, write)                                                            \
	X(2, open)                                                             \
	X(3, close)                                                            \
	X(4, stat)                                                             \
	X(5, fstat)                                                            \
	X(6, lstat)                                                            \
	X(7, poll)                                                             \
	X(8, lseek)                                                            \
	X(9, mmap)                                                             \
	X(10, mprotect)                                                        \
	X(11, munmap)                                                          \
	X(12, brk)                                                             \
	X(13, rt_sigaction)                                                    \
	X(14, rt_sigprocmask)                                                  \
	X(15, rt_sigreturn)                                                    \
	X(16, ioctl)                                                           \
	X(17, pread64)                                                         \
	X(18, pwrite64)                                                        \
	X(19, readv)                                                           \
	X(20, writev)                                                          \
	X(21, access)                                                          \
	X(22, pipe)                                                            \
	X(23, select)                                                          \
	X(24, sched_yield)                                                     \
	X(25, mremap)                                                          \
	X(26, msync)                                                           \
	X(27, mincore)                                                         \
	X(28, madvise)                                                         \
	X(29, shmget)                                                          \
	X(30, shmat)                                                           \
	X(31, shmctl)                                                          \
	X(32, dup)                                                             \
	X(33, dup2)                                                            \
	X(34, pause)                                                           \
	X(35, nanosleep)                                                       \
	X(36, getitimer)                                                       \
	X(37, alarm)                                                           \
	X(38, setitimer)                                                       \
	X(39, getpid)                                                          \
	X(40, sendfile)                                                        \
	X(56, clone)                                                           \
	X(57, fork)                                                            \
	X(58, vfork)                                                           \
	X(59, execve)                                                          \
	X(60, exit)                                                            \
	X(61, wait4)                                                           \
	X(62, kill)                                                            \
	X(63, uname)                                                           \
	X(64, semget)                                                          \
	X(65, semop)                                                           \
	X(66, semctl)                                                          \
	X(67, shmdt)                                                           \
	X(68, msgget)                                                          \
	X(69, msgsnd)                                                          \
	X(70, msgrcv)                                                          \
	X(71, msgctl)                                                          \
	X(72, fcntl)                                                           \
	X(73, flock)                                                           \
	X(74, fsync)                                                           \
	X(75, fdatasync)                                                       \
	X(76, truncate)                                                        \
	X(77, ftruncate)                                                       \
	X(79, getcwd)                                                          \
	X(80, chdir)                                                           \
	X(81, fchdir)                                                          \
	X(82, rename)                                                          \
	X(83, mkdir)                                                           \
	X(84, rmdir)                                                           \
	X(85, creat)                                                           \
	X(86, link)                                                            \
	X(87, unlink)                                                          \
	X(88, symlink)                                                         \
	X(89, readlink)                                                        \
	X(90, chmod)                                                           \
	X(91, fchmod)                                                          \
	X(92, chown)                                                           \
	X(93, fchown)                                                          \
	X(94, lchown)                                                          \
	X(95, umask)                                                           \
	X(96, gettimeofday)                                                    \
	X(97, getrlimit)                                                       \
	X(98, getrusage)                                                       \
	X(99, sysinfo)                                                         \
	X(100, times)                                                          \
	X(103, syslog)                                                         \
	X(102, getuid)                                                         \
	X(104, getgid)                                                         \
	X(105, setuid)                                                         \
	X(106, setgid)                                                         \
	X(107, geteuid)                                                        \
	X(108, getegid)                                                        \
	X(109, setpgid)                                                        \
	X(110, getppid)                                                        \
	X(111, getpgrp)                                                        \
	X(112, setsid)                                                         \
	X(113, setreuid)                                                       \
	X(114, setregid)                                                       \
	X(115, getgroups)                                                      \
	X(116, setgroups)                                                      \
	X(117, setresuid)                                                      \
	X(118, getresuid)                                                      \
	X(119, setresgid)                                                      \
	X(120, getresgid)                                                      \
	X(121, getpgid)                                                        \
	X(124, getsid)                                                         \
	X(127, rt_sigpending)                                                  \
	X(130, rt_sigsuspend)                                                  \
	X(131, sigaltstack)                                                    \
	X(132, utime)                                                          \
	X(133, mknod)                                                          \
	X(135, personality)                                                    \
	X(137, statfs)                                                         \
	X(138, fstatfs)                                                        \
	X(157, prctl)                                                          \
	X(158, arch_prctl)                                                     \
	X(160, setrlimit)                                                      \
	X(162, sync)                                                           \
	X(165, mount)                                                          \
	X(166, umount2)                                                        \
	X(169, reboot)                                                         \
	X(170, sethostname)                                                    \
	X(171, setdomainname)                                                  \
	X(186, gettid)                                                         \
	X(188, setxattr)                                                       \
	X(189, lsetxattr)                                                      \
	X(190, fsetxattr)                                                      \
	X(191, getxattr)                                                       \
	X(192, lgetxattr)                                                      \
	X(193, fgetxattr)                                                      \
	X(194, listxattr)                                                      \
	X(195, llistxattr)                                                     \
	X(196, flistxattr)                                                     \
	X(197, removexattr)                                                    \
	X(198, lremovexattr)                                                   \
	X(199, fremovexattr)                                                   \
	X(200, tkill)                                                          \
	X(201, time)                                                           \
	X(204, sched_getaffinity)                                              \
	X(217, getdents64)                                                     \
	X(218, set_tid_address)                                                \
	X(220, semtimedop)                                                     \
	X(221, fadvise64)                                                      \
	X(228, clock_gettime)                                                  \
	X(230, clock_nanosleep)                                                \
	X(231, exit_group)                                                     \
	X(234, tgkill)                                                         \
	X(235, utimes)                                                         \
	X(247, waitid)                                                         \
	X(257, openat)                                                         \
	X(258, mkdirat)                                                        \
	X(259, mknodat)                                                        \
	X(260, fchownat)                                                       \
	X(261, futimesat)                                                      \
	X(262, newfstatat)                                                     \
	X(263, unlinkat)                                                       \
	X(264, renameat)                                                       \
	X(265, linkat)                                                         \
	X(266, symlinkat)                                                      \
	X(267, readlinkat)                                                     \
	X(268, fchmodat)                                                       \
	X(269, faccessat)                                                      \
	X(270, pselect6)                                                       \
	X(271, ppoll)                                                          \
	X(272, unshare)                                                        \
	X(273, set_robust_list)                                                \
	X(280, utimensat)                                                      \
	X(292, dup3)                                                           \
	X(293, pipe2)                                                          \
	X(302, prlimit64)                                                      \
	X(309, getcpu)                                                         \
	X(316, renameat2)                                                      \
	X(318, getrandom)                                                      \
	X(326, copy_file_range)                                                \
	X(332, statx)                                                          \
	X(334, rseq)                                                           \
	X(439, faccessat2)

#define NR_syscalls 512

#define DECLARE_WRAPPER(nr, name) long __x64_sys_##name(const struct pt_regs *regs);
KEYHOLE_SYSCALLS(DECLARE_WRAPPER)

struct syscall_entry {
	long (*fn)(const struct pt_regs *regs);
	const char *name;
};

#define TABLE_ENTRY(nr, name) [nr] = { __x64_sys_##name, #name },
static const struct syscall_entry sys_call_table[NR_syscalls] = {
	KEYHOLE_SYSCALLS(TABLE_ENTRY)
};

static DECLARE_BITMAP(enosys_logged, NR_syscalls);

/* syscall_name - the name of system call nr, or NULL if not implemented. */
const char *syscall_name(unsigned long nr)
{
	return nr < NR_syscalls ? sys_call_table[nr].name : NULL;
}

/*
 * do_syscall_64 - run the system call the user asked for.
 *
 * Context: syscall.asm, interrupts on, regs = the saved user registers
 * (error_code holds the number, as Linux's orig_rax). The result goes in
 * regs->rax. On the way out, a switch owed to the timer happens and
 * pending signals are delivered (exit_to_user_mode).
 */
void do_syscall_64(struct pt_regs *regs)
{
	unsigned long nr = regs->error_code;

	if (nr < NR_syscalls && sys_call_table[nr].fn) {
		regs->rax = (unsigned long)sys_call_table[nr].fn(regs);
	} else {
		if (nr < NR_syscalls && !__test_and_set_bit(nr, enosys_logged))
			pr_info("%s[%d]: system call %lu is not implemented (ENOSYS)\n",
				current->comm, current->pid, nr);
		regs->rax = (unsigned long)-ENOSYS;
	}
	exit_to_user_mode(regs);
}
