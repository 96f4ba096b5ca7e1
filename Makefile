# keyhole - the build. `make help` lists the targets; README.md explains them.
#
# The kernel is built with the host gcc, GNU ld and nasm (CROSS=x86_64-elf-
# selects a cross toolchain), linked twice so that it carries its own symbol
# table (tools/gen-kallsyms), and put on a GRUB rescue ISO. Tools it needs
# that are missing are installed (as root) or named by tools/install-deps.

CROSS   ?=
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
NM      := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy
NASM    ?= nasm
HOSTCC  ?= gcc
GDB     ?= gdb

BUILD   ?= build
DEBUG   ?= 1            # 1: CONFIG_DEBUG_MM (poison freed memory, check it)
OPT     ?= -O2          # OPT=-Og for the easiest stepping in gdb
MEM     ?= 256M         # QEMU's RAM
ACCEL   ?= tcg          # tcg, or kvm where GRUB is not slow under it
CMDLINE ?=              # extra kernel command-line words for `make run`
GDBPORT ?= 1234

KERNEL_DIRS := arch/x86_64 kernel mm ipc fs lib
KSRC  := $(foreach d,$(KERNEL_DIRS),$(wildcard $(d)/*.c))
KASM  := $(wildcard arch/x86_64/*.asm)
KOBJ  := $(patsubst %.c,$(BUILD)/%.o,$(KSRC)) $(patsubst %.asm,$(BUILD)/%.asm.o,$(KASM))
KOBJ  += $(BUILD)/vdso/vdso_image.o     # the vDSO, user code carried as data (below)

KCFLAGS := -std=gnu11 -ffreestanding -fno-pic -fno-pie -mcmodel=kernel -mno-red-zone \
	-mno-sse -mno-sse2 -mno-mmx -mno-3dnow -mno-avx -mgeneral-regs-only \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-common \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-optimize-sibling-calls \
	-Wall -Wextra -Werror -g $(strip $(OPT)) -I. -MMD -MP
ifeq ($(strip $(DEBUG)),1)
KCFLAGS += -DCONFIG_DEBUG_MM
endif
KLDFLAGS := -nostdlib -n -z max-page-size=0x1000 -T arch/x86_64/kernel.ld

ELF := $(BUILD)/keyhole.elf
ISO := $(BUILD)/keyhole.iso

.PHONY: all kernel iso run run-prog gdb test fuzz host-tests ktest bench profile bench-prereqs clean help deps \
	compile_commands.json FORCE
all: $(ISO)
kernel: $(ELF)
iso: $(ISO)

help:
	@echo "make run        boot keyhole in QEMU to Debian's bash on the serial console (Ctrl-A X quits)"
	@echo "                  MEM=256M ACCEL=tcg CMDLINE='quiet' GUI=1 (show the VGA screen)"
	@echo "make run-prog PROG=a.out ARGS='x y'   run a static program in keyhole"
	@echo "make test       host unit tests, user tests (Linux, keyhole), in-kernel tests, harness"
	@echo "make gdb        QEMU halted + gdb attached, stopped at kmain (an -Og build in build/gdb)"
	@echo "                  CMDLINE='console=ttyS1 -- run /bin/x', or PROG=a.out ARGS='x y'"
	@echo "make fuzz CALLS=1000000 SEED=n   the system-call fuzzer in keyhole, as long as asked"
	@echo "make bench      instructions per operation, keyhole beside Linux (fetched once)"
	@echo "make profile ROW=semop  where one bench row's instructions go, per function"
	@echo "make compile_commands.json   for clangd"
	@echo "make clean"

# Tools: installed (as root) or named, once per build directory.
$(BUILD)/.deps-ok: tools/install-deps
	@tools/install-deps
	@mkdir -p $(BUILD) && touch $@
deps: $(BUILD)/.deps-ok

# Objects depend on the flags too: a change of OPT= or DEBUG= rebuilds them.
$(BUILD)/kcflags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(KCFLAGS)' | cmp -s - $@ || echo '$(KCFLAGS)' > $@
FORCE:

$(BUILD)/%.o: %.c $(BUILD)/.deps-ok $(BUILD)/kcflags
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/%.asm.o: %.asm $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) -f elf64 -I./ -MD $(@:.o=.d) -MP $< -o $@

# The vDSO (kernel/vdso.c): a small shared object of user code, built from
# arch/x86_64/vdso/ with user-mode flags and its own linker script, and
# carried in the kernel's .rodata by vdso_image.S (.incbin).
VDSO_SO := $(BUILD)/vdso/vdso.so
VDSO_CFLAGS := -std=gnu11 -O2 -I. -Wall -Wextra -Werror -fPIC -fno-stack-protector -nostdlib \
	-shared -Wl,-T,arch/x86_64/vdso/vdso.lds -Wl,--hash-style=both \
	-Wl,-soname=linux-vdso.so.1 -Wl,--build-id=none -Wl,-z,max-page-size=4096
$(VDSO_SO): arch/x86_64/vdso/vclock.c arch/x86_64/vdso/vdso.lds kernel/vdso_data.h \
		$(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo "  VDSO    $@"
	@$(CC) $(VDSO_CFLAGS) -o $@ $<
$(BUILD)/vdso/vdso_image.o: $(VDSO_SO)
	@printf '\t.section .rodata\n\t.balign 4096\n\t.globl vdso_image_start, vdso_image_end\nvdso_image_start:\n\t.incbin "%s"\nvdso_image_end:\n\t.section .note.GNU-stack,"",@progbits\n' $< > $(@:.o=.S)
	@$(CC) -c $(@:.o=.S) -o $@

# Link twice: first with an empty symbol table, then with the real one.
# The table sits after code and data, so no function may move between the
# two; the comparison below makes sure.
$(ELF): $(KOBJ) arch/x86_64/kernel.ld tools/gen-kallsyms
	@echo "  LD      $@"
	@tools/gen-kallsyms < /dev/null > $(BUILD)/kallsyms0.S
	@$(CC) -c $(BUILD)/kallsyms0.S -o $(BUILD)/kallsyms0.o
	@$(LD) $(KLDFLAGS) -o $(BUILD)/keyhole.pass1.elf $(KOBJ) $(BUILD)/kallsyms0.o
	@$(NM) -n $(BUILD)/keyhole.pass1.elf | tools/gen-kallsyms > $(BUILD)/kallsyms.S
	@$(CC) -c $(BUILD)/kallsyms.S -o $(BUILD)/kallsyms.o
	@$(LD) $(KLDFLAGS) -o $@.tmp $(KOBJ) $(BUILD)/kallsyms.o
	@$(NM) -n $(BUILD)/keyhole.pass1.elf | grep -i ' [tw] ' > $(BUILD)/syms.pass1
	@$(NM) -n $@.tmp | grep -i ' [tw] ' > $(BUILD)/syms.pass2
	@cmp -s $(BUILD)/syms.pass1 $(BUILD)/syms.pass2 || \
		{ echo "kallsyms: functions moved between the two links" >&2; exit 1; }
	@mv $@.tmp $@

# The first user program, until the initramfs: a GRUB module (iso/grub.cfg).
MUSLCC ?= musl-gcc
$(BUILD)/user/demo/hello: user/demo/hello.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@$(MUSLCC) -static -O2 -Wall -Wextra -Werror -o $@ $<

include user/user.mk
include user/debian/debian.mk

$(ISO): $(ELF) iso/grub.cfg iso/module-test.txt $(BUILD)/user/demo/hello $(BUILD)/initramfs.cpio
	@echo "  ISO     $@"
	@rm -rf $(BUILD)/isodir
	@mkdir -p $(BUILD)/isodir/boot/grub
	@$(OBJCOPY) --strip-debug $(ELF) $(BUILD)/isodir/boot/keyhole.elf
	@cp iso/grub.cfg $(BUILD)/isodir/boot/grub/grub.cfg
	@cp iso/module-test.txt $(BUILD)/isodir/boot/
	@cp $(BUILD)/user/demo/hello $(BUILD)/isodir/boot/hello
	@cp $(BUILD)/initramfs.cpio $(BUILD)/isodir/boot/initramfs.cpio
	@grub-mkrescue -o $@ $(BUILD)/isodir >$(BUILD)/grub-mkrescue.log 2>&1 || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }

# The full image: Debian's bash and tools (user/debian/debian.mk).
run: $(FULL_ISO)
	@tools/run-kernel --iso $(FULL_ISO) --mem $(strip $(MEM)) --accel $(strip $(ACCEL)) \
		--cmdline "$(strip $(CMDLINE))" --interactive $(if $(GUI),--gui)

# make gdb [CMDLINE="words"] [PROG=./prog ARGS="a b"]: a kernel built at
# -Og in a directory of its own (functions keep their frames, arguments
# print; `make bench` keeps measuring the -O2 build), started halted under
# gdb; with PROG, booted to run that program as make run-prog does. The
# full image (bash at the console after `continue`) when neither is given
# or PROG is dynamically linked; the small one, quicker to make, otherwise.
GDB_BUILD := $(BUILD)/gdb
GDB_OPT   ?= -Og
GDB_FULL   = $(if $(PROG),$(shell readelf -l "$(PROG)" 2>/dev/null | grep -q INTERP && echo y),$(if $(strip $(CMDLINE)),,y))

gdb:
	@$(if $(PROG),tools/run-prog --check --prog "$(PROG)")
	@$(MAKE) --no-print-directory BUILD=$(GDB_BUILD) OPT=$(GDB_OPT) iso $(if $(GDB_FULL),full-image) >&2
	@$(if $(PROG),tools/run-prog --gdb $(strip $(GDBPORT)) --prog "$(PROG)" --args "$(ARGS)" \
		--build $(GDB_BUILD) --elf $(GDB_BUILD)/keyhole.elf --mem $(strip $(MEM)),\
	tools/gdb/session --iso $(GDB_BUILD)/$(if $(GDB_FULL),keyhole-full.iso,keyhole.iso) --elf $(GDB_BUILD)/keyhole.elf \
		--mem $(strip $(MEM)) --port $(strip $(GDBPORT)) --build $(GDB_BUILD) \
		--cmdline "$(strip $(CMDLINE))")

# make run-prog PROG=path/to/program ARGS="a b": run it in keyhole (a
# dynamically linked one on the full image, with Debian's libraries);
# standard output and standard error are only the program's (the build
# talks on stderr before it starts). When the program exits with N > 0,
# run-prog says so and make fails with "Error N"; a usage error prints
# "usage:" (tools/run-prog itself exits with N, and says nothing).
run-prog:
	@tools/run-prog --check --prog "$(PROG)"
	@$(MAKE) --no-print-directory iso $(if $(shell readelf -l "$(PROG)" 2>/dev/null | grep INTERP),$(FULL_INITRAMFS)) >&2
	@tools/run-prog --prog "$(PROG)" --args "$(ARGS)" --build $(BUILD) --elf $(ELF) \
		--mem $(strip $(MEM)) --say-status

ktest: $(ISO) $(FULL_ISO)
	@tools/run-kernel --iso $(ISO) --mem $(strip $(MEM)) --accel $(strip $(ACCEL)) \
		--cmdline "ktest $(strip $(CMDLINE))" --timeout 60

include lib/tests/tests.mk

# make bench: user/bench/bench.c as /init on keyhole and on Debian's Linux,
# both under QEMU -icount; a table of guest instructions per operation
# (tools/bench says how). Not part of `make test`. The kernel is built again
# in a directory of its own without DEBUG's checks (BENCH_DEBUG=1 keeps
# them), so that the allocator's poisoning is not what gets measured.
BENCH_BUILD := $(BUILD)/bench
BENCH_DEBUG ?= 0

bench:
	@$(MAKE) --no-print-directory BUILD=$(BENCH_BUILD) DEBUG=$(BENCH_DEBUG) bench-prereqs >&2
	@tools/bench --build $(BENCH_BUILD) --debug $(strip $(BENCH_DEBUG)) --mem $(strip $(MEM))

# make profile ROW=semop [ITERS=N] [TOP=N] [ANNOTATE=function]: where one
# row of make bench spends its instructions, per function (tools/profile
# says how); the same DEBUG=0 build as make bench.
ROW      ?=
ITERS    ?= 0
TOP      ?= 30
ANNOTATE ?=
profile:
	@$(if $(strip $(ROW)),,echo "usage: make profile ROW=name [ITERS=N] [TOP=N] [ANNOTATE=function]" >&2; exit 2)
	@$(MAKE) --no-print-directory BUILD=$(BENCH_BUILD) DEBUG=$(BENCH_DEBUG) bench-prereqs >&2
	@tools/profile --build $(BENCH_BUILD) --row $(strip $(ROW)) --iters $(strip $(ITERS)) \
		--top $(strip $(TOP)) --mem $(strip $(MEM)) $(if $(strip $(ANNOTATE)),--annotate $(strip $(ANNOTATE)))

bench-prereqs: $(ELF) $(BUILD)/user/demo/hello $(USER_MKINITRAMFS) $(BUILD)/user/bench/bench

# bench_entry, not musl's _start, is the entry point: it reads the TSC first.
$(BUILD)/user/bench/bench: user/bench/bench.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	@echo "  MUSLCC  $<"
	@$(MUSLCC) -static $(USER_CFLAGS) -Wl,-e,bench_entry -o $@ $<

test: $(ISO) $(FULL_ISO)
	@tools/run-tests --build $(BUILD) --iso $(ISO) --elf $(ELF)

# make fuzz CALLS=N SEED=S: user/tests/sysfuzz.c in keyhole for N calls
# (tools/run-fuzz says how it went: calls, oopses, freeram before/after).
CALLS ?= 1000000
SEED  ?=
fuzz: $(ISO)
	@tools/run-fuzz --iso $(ISO) --mem $(strip $(MEM)) --calls $(strip $(CALLS)) \
		$(if $(strip $(SEED)),--seed $(strip $(SEED))) $(if $(DENY),--deny $(DENY)) \
		$(if $(TRACE),--trace) $(if $(strip $(CMDLINE)),--kernel-words "$(strip $(CMDLINE))")

compile_commands.json:
	@tools/compile-commands "$(CC) $(KCFLAGS)" $(KSRC) > $@
	@echo "  GEN     $@"

clean:
	rm -rf $(BUILD) compile_commands.json

-include $(KOBJ:.o=.d)
