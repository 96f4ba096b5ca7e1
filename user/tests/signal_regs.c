/*
 * signal_regs.c - a handler runs and sigreturn gives back every register.
 *
 * Signal delivery saves the interrupted registers in a frame on the user
 * stack (struct ucontext: uc_mcontext.gregs, and the FPU/SSE state), and
 * rt_sigreturn loads them back. A C handler cannot show that this works,
 * because the compiler saves the callee-saved registers itself. So the
 * pieces here are in assembly (at the end of the file):
 *
 *   regs_spin(out)       loads a known value into all 15 general registers
 *                        (every one but %rsp) and the 16 %xmm registers,
 *                        writes known values into the 128-byte red zone
 *                        below %rsp, then spins until a handler has run,
 *                        and stores what the registers and the red zone
 *                        hold then into out[]. The signal comes from
 *                        another process, so it interrupts user code (on
 *                        keyhole: the timer interrupt's return path).
 *   regs_kill_self(out, pid, sig)
 *                        the same, but raises the signal itself with the
 *                        kill system call (the syscall return path), so
 *                        %rax holds the result and %rcx/%r11 are the ones
 *                        the SYSCALL instruction clobbers.
 *   regs_trash_handler   a handler that overwrites every general and %xmm
 *                        register and returns without restoring any: only
 *                        sigreturn can put them back. It does so once per
 *                        arming (regs_armed), and does nothing otherwise.
 *
 * Known value of register n (rax=1, rbx=2, rcx=3, rdx=4, rsi=5, rdi=6,
 * rbp=7, r8=8 ... r15=15) is 0xc0ffee0000000000 + n; %xmmN gets the value
 * of register N (xmm0 and xmm15: rax's); the red zone's qword at
 * -8*(k+1)(%rsp) gets 0xfeed000000000000 + k.
 */
#include "utest.h"

#include <stdint.h>
#include <ucontext.h>

#define NGPR 15
#define NXMM 16
#define NRED 16
#define OUT_XMM NGPR
#define OUT_RED (NGPR + NXMM)
#define NOUT (NGPR + NXMM + NRED)

enum { RAX, RBX, RCX, RDX, RSI, RDI, RBP, R8, R9, R10, R11, R12, R13, R14, R15 };

static const char *const gpr_names[NGPR] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8",
	"r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

/*
 * regs_armed is set by the assembly once the known values are in place;
 * the handler trashes the registers only when it finds it set (and clears
 * it), so that a later signal from the pinger, landing in ordinary C code,
 * is harmless. regs_signalled says the trashing handler ran.
 */
__attribute__((visibility("hidden"))) volatile int regs_signalled, regs_armed;

void regs_spin(unsigned long *out);
void regs_kill_self(unsigned long *out, long pid, long sig);
void regs_trash_handler(int sig);

static unsigned long known(int n)
{
	return 0xc0ffee0000000000UL + (unsigned long)(n + 1);
}

static unsigned long known_xmm(int n)
{
	return known(n % NGPR);
}

static unsigned long known_red(int k)
{
	return 0xfeed000000000000UL + (unsigned long)k;
}

static void install(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	CHECK_SYS(sigaction(sig, &sa, NULL));
}

/* Check out[] against the known values, except the registers in skip. */
static void check_out(const unsigned long *out, unsigned skip)
{
	for (int r = 0; r < NGPR; r++)
		if (!(skip & (1u << r)))
			CHECKF(out[r] == known(r), "%%%s is %#lx after sigreturn, not %#lx",
			       gpr_names[r], out[r], known(r));
	for (int x = 0; x < NXMM; x++)
		CHECKF(out[OUT_XMM + x] == known_xmm(x),
		       "%%xmm%d is %#lx after sigreturn, not %#lx", x, out[OUT_XMM + x],
		       known_xmm(x));
	for (int k = 0; k < NRED; k++)
		CHECKF(out[OUT_RED + k] == known_red(k),
		       "red zone at -%d(%%rsp) is %#lx, not %#lx: the signal frame overwrote it",
		       8 * (k + 1), out[OUT_RED + k], known_red(k));
}

/* A signal from another process while we spin with known registers. */
static void sigreturn_restores_registers_async(void)
{
	unsigned long out[NOUT] = { 0 };
	pid_t parent = getpid(), pinger;

	install(SIGUSR1, regs_trash_handler);
	pinger = fork();
	if (pinger == 0) {
		/* Until the parent stops us: regs_spin waits for one that
		 * arrives after it has loaded the registers; the others find
		 * the handler disarmed. */
		for (;;) {
			usleep(20000);
			kill(parent, SIGUSR1);
		}
	}
	regs_spin(out);
	kill(pinger, SIGKILL);
	ut_wait(pinger);
	CHECK_EQ(regs_signalled, 1);
	check_out(out, 0);
}

/* A signal we send ourselves, delivered as the kill system call returns. */
static void sigreturn_restores_registers_after_syscall(void)
{
	unsigned long out[NOUT] = { 0 };

	install(SIGUSR1, regs_trash_handler);
	regs_kill_self(out, getpid(), SIGUSR1);
	CHECK_EQ(regs_signalled, 1);
	CHECK_EQ(out[RAX], 0);	/* kill() returned 0 */
	CHECK_EQ(out[RDI], getpid());
	CHECK_EQ(out[RSI], SIGUSR1);
	check_out(out, 1u << RAX | 1u << RCX | 1u << R11 | 1u << RDI | 1u << RSI);
}

static volatile unsigned long frame_rbx, frame_r15, frame_rdi;

/* A handler that reads the frame and changes %r12 and %r13 in it. */
static void on_usr1_edit(int sig, siginfo_t *info, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)info;
	regs_signalled = 1;
	regs_armed = 0;
	frame_rbx = (unsigned long)uc->uc_mcontext.gregs[REG_RBX];
	frame_r15 = (unsigned long)uc->uc_mcontext.gregs[REG_R15];
	frame_rdi = (unsigned long)uc->uc_mcontext.gregs[REG_RDI];
	uc->uc_mcontext.gregs[REG_R12] = 0x1212121212121212;
	uc->uc_mcontext.gregs[REG_R13] = (greg_t)0x8765432187654321UL;
}

/*
 * The frame is a Linux ucontext: the handler finds the interrupted
 * registers in uc_mcontext.gregs, and what it writes there is what
 * sigreturn loads.
 */
static void handler_edits_to_ucontext_take_effect(void)
{
	unsigned long out[NOUT] = { 0 };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1_edit;
	sa.sa_flags = SA_SIGINFO;
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	regs_kill_self(out, getpid(), SIGUSR1);
	CHECK_EQ(regs_signalled, 1);
	CHECK_EQ(frame_rbx, known(RBX));
	CHECK_EQ(frame_r15, known(R15));
	CHECK_EQ(frame_rdi, getpid());
	CHECK_EQ(out[R12], 0x1212121212121212);
	CHECK_EQ(out[R13], 0x8765432187654321UL);
	check_out(out, 1u << RAX | 1u << RCX | 1u << R11 | 1u << RDI | 1u << RSI |
			       1u << R12 | 1u << R13);
}

/* The same, many times in a row: no state builds up across deliveries. */
static void sigreturn_many_times(void)
{
	install(SIGUSR1, regs_trash_handler);
	for (int i = 0; i < 200; i++) {
		unsigned long out[NOUT] = { 0 };

		regs_kill_self(out, getpid(), SIGUSR1);
		if (!CHECKF(regs_signalled == 1 && out[RBX] == known(RBX) &&
				    out[R15] == known(R15) && out[OUT_XMM + 7] == known_xmm(7),
			    "round %d: handler ran %d, rbx %#lx, r15 %#lx, xmm7 %#lx", i,
			    regs_signalled, out[RBX], out[R15], out[OUT_XMM + 7]))
			break;
	}
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(sigreturn_restores_registers_async);
	RUN(sigreturn_restores_registers_after_syscall);
	RUN(handler_edits_to_ucontext_take_effect);
	RUN(sigreturn_many_times);
	return ut_done();
}

/*
 * The assembly. LOAD_GPRS_BUT_RAX_RDI_RSI and LOAD_XMMS put the known
 * values in place (regs_kill_self needs %rax, %rdi and %rsi for the system
 * call); STORE_ALL writes everything out through the out pointer saved at
 * (%rsp). Nothing touches the red zone except to fill it and read it back.
 */
#define STR_(x) #x
#define STR(x) STR_(x)

#define LOAD_GPRS_BUT_RAX_RDI_RSI                                              \
	"movabs $0xc0ffee0000000002, %rbx\n"                                   \
	"movabs $0xc0ffee0000000003, %rcx\n"                                   \
	"movabs $0xc0ffee0000000004, %rdx\n"                                   \
	"movabs $0xc0ffee0000000007, %rbp\n"                                   \
	"movabs $0xc0ffee0000000008, %r8\n"                                    \
	"movabs $0xc0ffee0000000009, %r9\n"                                    \
	"movabs $0xc0ffee000000000a, %r10\n"                                   \
	"movabs $0xc0ffee000000000b, %r11\n"                                   \
	"movabs $0xc0ffee000000000c, %r12\n"                                   \
	"movabs $0xc0ffee000000000d, %r13\n"                                   \
	"movabs $0xc0ffee000000000e, %r14\n"                                   \
	"movabs $0xc0ffee000000000f, %r15\n"

/* %xmmN from the known value of register N; uses %rax as a scratch. */
#define LOAD_XMMS                                                              \
	"movabs $0xc0ffee0000000001, %rax\n movq %rax, %xmm0\n movq %rax, %xmm15\n" \
	"movq %rbx, %xmm1\n movq %rcx, %xmm2\n movq %rdx, %xmm3\n"             \
	"movabs $0xc0ffee0000000005, %rax\n movq %rax, %xmm4\n"                \
	"movabs $0xc0ffee0000000006, %rax\n movq %rax, %xmm5\n"                \
	"movq %rbp, %xmm6\n movq %r8, %xmm7\n movq %r9, %xmm8\n"               \
	"movq %r10, %xmm9\n movq %r11, %xmm10\n movq %r12, %xmm11\n"           \
	"movq %r13, %xmm12\n movq %r14, %xmm13\n movq %r15, %xmm14\n"

/* The red zone: -8*(k+1)(%rsp) = 0xfeed000000000000 + k, k = 0..15. */
#define RED(k, off)                                                            \
	"movabs $0xfeed0000000000" k ", %rax\n movq %rax, -" off "(%rsp)\n"
#define FILL_RED_ZONE                                                          \
	RED("00", "8") RED("01", "16") RED("02", "24") RED("03", "32")         \
	RED("04", "40") RED("05", "48") RED("06", "56") RED("07", "64")        \
	RED("08", "72") RED("09", "80") RED("0a", "88") RED("0b", "96")        \
	RED("0c", "104") RED("0d", "112") RED("0e", "120") RED("0f", "128")

/*
 * On entry (%rsp) holds the out pointer. xchg puts it in %rax and %rax's
 * value in its place, without a push that would write into the red zone.
 */
#define SAVE_RED(k, off) "movq -" off "(%rsp), %rbx\n movq %rbx, " STR(8 * 31) "+8*" k "(%rax)\n"
#define STORE_ALL                                                              \
	"xchg %rax, (%rsp)\n"                                                  \
	"movq %rbx, 8(%rax)\n movq %rcx, 16(%rax)\n movq %rdx, 24(%rax)\n"     \
	"movq %rsi, 32(%rax)\n movq %rdi, 40(%rax)\n movq %rbp, 48(%rax)\n"    \
	"movq %r8, 56(%rax)\n movq %r9, 64(%rax)\n movq %r10, 72(%rax)\n"      \
	"movq %r11, 80(%rax)\n movq %r12, 88(%rax)\n movq %r13, 96(%rax)\n"    \
	"movq %r14, 104(%rax)\n movq %r15, 112(%rax)\n"                        \
	"movq (%rsp), %rbx\n movq %rbx, 0(%rax)\n"                             \
	"movq %xmm0, 120(%rax)\n movq %xmm1, 128(%rax)\n movq %xmm2, 136(%rax)\n" \
	"movq %xmm3, 144(%rax)\n movq %xmm4, 152(%rax)\n movq %xmm5, 160(%rax)\n" \
	"movq %xmm6, 168(%rax)\n movq %xmm7, 176(%rax)\n movq %xmm8, 184(%rax)\n" \
	"movq %xmm9, 192(%rax)\n movq %xmm10, 200(%rax)\n movq %xmm11, 208(%rax)\n" \
	"movq %xmm12, 216(%rax)\n movq %xmm13, 224(%rax)\n movq %xmm14, 232(%rax)\n" \
	"movq %xmm15, 240(%rax)\n"                                             \
	SAVE_RED("0", "8") SAVE_RED("1", "16") SAVE_RED("2", "24") SAVE_RED("3", "32") \
	SAVE_RED("4", "40") SAVE_RED("5", "48") SAVE_RED("6", "56") SAVE_RED("7", "64") \
	SAVE_RED("8", "72") SAVE_RED("9", "80") SAVE_RED("10", "88") SAVE_RED("11", "96") \
	SAVE_RED("12", "104") SAVE_RED("13", "112") SAVE_RED("14", "120") SAVE_RED("15", "128")

#define PUSH_CALLEE_SAVED "push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
#define POP_CALLEE_SAVED "pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"

__asm__(".text\n"
	".globl regs_spin\n"
	".type regs_spin, @function\n"
	"regs_spin:\n"
	PUSH_CALLEE_SAVED
	"push %rdi\n"				/* out */
	LOAD_GPRS_BUT_RAX_RDI_RSI
	LOAD_XMMS
	FILL_RED_ZONE
	"movabs $0xc0ffee0000000005, %rsi\n"
	"movabs $0xc0ffee0000000006, %rdi\n"
	"movabs $0xc0ffee0000000001, %rax\n"
	"movl $0, regs_signalled(%rip)\n"	/* wait for a signal from now on */
	"movl $1, regs_armed(%rip)\n"
	"1: cmpl $0, regs_signalled(%rip)\n"
	"je 1b\n"
	STORE_ALL
	"add $8, %rsp\n"
	POP_CALLEE_SAVED
	"ret\n"
	".size regs_spin, .-regs_spin\n"

	".globl regs_kill_self\n"
	".type regs_kill_self, @function\n"
	"regs_kill_self:\n"			/* (out, pid, sig) */
	PUSH_CALLEE_SAVED
	"push %rdi\n"
	"movq %rsi, %rdi\n"			/* kill(pid, sig) */
	"movq %rdx, %rsi\n"
	LOAD_GPRS_BUT_RAX_RDI_RSI
	LOAD_XMMS
	FILL_RED_ZONE
	"movl $0, regs_signalled(%rip)\n"
	"movl $1, regs_armed(%rip)\n"
	"movl $62, %eax\n"			/* __NR_kill */
	"syscall\n"
	STORE_ALL
	"add $8, %rsp\n"
	POP_CALLEE_SAVED
	"ret\n"
	".size regs_kill_self, .-regs_kill_self\n"

	".globl regs_trash_handler\n"
	".type regs_trash_handler, @function\n"
	"regs_trash_handler:\n"
	"cmpl $0, regs_armed(%rip)\n"
	"je 2f\n"
	"movl $0, regs_armed(%rip)\n"
	"movl $1, regs_signalled(%rip)\n"
	"movabs $0xdeaddeaddeaddead, %rax\n"
	"movq %rax, %rbx\n movq %rax, %rcx\n movq %rax, %rdx\n movq %rax, %rsi\n"
	"movq %rax, %rdi\n movq %rax, %rbp\n movq %rax, %r8\n movq %rax, %r9\n"
	"movq %rax, %r10\n movq %rax, %r11\n movq %rax, %r12\n movq %rax, %r13\n"
	"movq %rax, %r14\n movq %rax, %r15\n"
	"pcmpeqd %xmm0, %xmm0\n pcmpeqd %xmm1, %xmm1\n pcmpeqd %xmm2, %xmm2\n"
	"pcmpeqd %xmm3, %xmm3\n pcmpeqd %xmm4, %xmm4\n pcmpeqd %xmm5, %xmm5\n"
	"pcmpeqd %xmm6, %xmm6\n pcmpeqd %xmm7, %xmm7\n pcmpeqd %xmm8, %xmm8\n"
	"pcmpeqd %xmm9, %xmm9\n pcmpeqd %xmm10, %xmm10\n pcmpeqd %xmm11, %xmm11\n"
	"pcmpeqd %xmm12, %xmm12\n pcmpeqd %xmm13, %xmm13\n pcmpeqd %xmm14, %xmm14\n"
	"pcmpeqd %xmm15, %xmm15\n"
	"2: ret\n"				/* to the sa_restorer: rt_sigreturn */
	".size regs_trash_handler, .-regs_trash_handler\n");
