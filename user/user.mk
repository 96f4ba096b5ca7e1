# user/user.mk - user programs, the initramfs, and the user tests on the host.
#
# Included by the top Makefile, and usable alone from the top of the tree:
#	make -f user/user.mk user-tests-host
#
# Every program is one C file, built twice from the same source:
#   - for keyhole with $(MUSLCC) -static into the root file system tree
#     $(BUILD)/user/rootfs, which becomes $(BUILD)/initramfs.cpio;
#   - for the host with $(HOSTCC) (glibc) into $(BUILD)/host-user, laid out
#     the same way, so that a test finds its helpers at ../ from its own
#     directory on both.
#
#	source			in the initramfs	on the host
#	user/init.c		/init			$(BUILD)/host-user/init
#	user/bin/NAME.c		/bin/NAME		$(BUILD)/host-user/bin/NAME
#	user/demos/NAME.c	/bin/NAME		$(BUILD)/host-user/bin/NAME
#	user/tests/NAME.c	/bin/tests/NAME		$(BUILD)/host-user/bin/tests/NAME
#	user/tests/helpers/NAME.c /bin/tests/helpers/NAME $(BUILD)/host-user/bin/tests/helpers/NAME
#	(an empty directory)	/tmp			-
#
# The test helpers are programs the tests exec, not tests (runtests runs
# only the files directly in bin/tests). Each is built one way for both
# trees, so the host runs the very file keyhole does: fake_ld as a musl
# static-pie (a stand-in program interpreter, user/tests/elf_interp.c),
# glibc_spie with gcc -static-pie (glibc's static-pie start-up), glibc_dyn
# with plain gcc (a Debian-style dynamic program: glibc's loader and libc).
#
# glibc's loader and C library are copied from the host (Debian 12 amd64:
# the very files the full image takes from Debian's packages) to the paths
# Debian's programs name, /lib64/ld-linux-x86-64.so.2 and
# /lib/x86_64-linux-gnu/libc.so.6, for the tests of dynamic ELF.
#
# init is /init because that is where Linux looks in an initramfs, so the
# same archive boots Linux too (the benchmarks do that). The shell and the
# everyday tools are not here: they are Debian's (user/debian/debian.mk). /tmp is scratch
# space for the tests (the ramfs is writable), mode 1777 as on Linux: any
# user may create there, and only a file's owner may remove it.
#
# Targets:
#   user-progs           build the rootfs tree
#   initramfs            $(BUILD)/initramfs.cpio from it, by $(BUILD)/tools/mkinitramfs
#                        (tools/mkinitramfs.c, built with $(HOSTCC))
#   user-tests-host      build everything for the host and run the tests
#                        through tools/run-user-tests-host: each test's lines,
#                        then "N passed, M failed" over all of them
#   user-tests-musl-host run the musl-built tests (the rootfs ones) on the host
#   user-host-progs      build the host versions only
#   user-clean           remove all of the above
#
# Variables: BUILD (build), MUSLCC (musl-gcc), HOSTCC (gcc), USER_OPT (-O2),
# USER_CFLAGS_EXTRA, and USER_TEST_TIMEOUT (seconds per test program, 300,
# read by tools/run-user-tests-host). Everything this file defines starts
# with USER_ or user- (apart from the initramfs target).

BUILD  ?= build
MUSLCC ?= musl-gcc
HOSTCC ?= gcc
USER_OPT ?= -O2

USER_CFLAGS := -std=gnu11 $(USER_OPT) -Wall -Wextra -Werror $(USER_CFLAGS_EXTRA)

USER_ROOTFS    := $(BUILD)/user/rootfs
USER_HOST      := $(BUILD)/host-user
USER_INITRAMFS := $(BUILD)/initramfs.cpio
USER_MKINITRAMFS := $(BUILD)/tools/mkinitramfs

USER_TOOL_NAMES := $(patsubst user/bin/%.c,%,$(wildcard user/bin/*.c))
USER_DEMO_NAMES := $(patsubst user/demos/%.c,%,$(wildcard user/demos/*.c))
USER_TEST_NAMES := $(patsubst user/tests/%.c,%,$(wildcard user/tests/*.c))

# Tools and demos share /bin: a demo named like a tool would be lost.
ifneq ($(filter $(USER_TOOL_NAMES),$(USER_DEMO_NAMES)),)
$(error user/demos and user/bin both have $(filter $(USER_TOOL_NAMES),$(USER_DEMO_NAMES)))
endif

# The same relative paths under both trees.
USER_PROG_PATHS := init $(addprefix bin/,$(USER_TOOL_NAMES) $(USER_DEMO_NAMES))
USER_TEST_PATHS := $(addprefix bin/tests/,$(USER_TEST_NAMES))

USER_ROOTFS_PROGS := $(addprefix $(USER_ROOTFS)/,$(USER_PROG_PATHS))
USER_ROOTFS_TESTS := $(addprefix $(USER_ROOTFS)/,$(USER_TEST_PATHS))
USER_HOST_PROGS   := $(addprefix $(USER_HOST)/,$(USER_PROG_PATHS))
USER_HOST_TESTS   := $(addprefix $(USER_HOST)/,$(USER_TEST_PATHS))
USER_HELPER_PATHS := bin/tests/helpers/fake_ld bin/tests/helpers/glibc_spie \
	bin/tests/helpers/glibc_dyn
USER_ROOTFS_HELPERS := $(addprefix $(USER_ROOTFS)/,$(USER_HELPER_PATHS))
USER_HOST_HELPERS   := $(addprefix $(USER_HOST)/,$(USER_HELPER_PATHS))
USER_GLIBC_PATHS := lib64/ld-linux-x86-64.so.2 lib/x86_64-linux-gnu/libc.so.6
USER_ROOTFS_GLIBC := $(addprefix $(USER_ROOTFS)/,$(USER_GLIBC_PATHS))
USER_ROOTFS_FILES := $(USER_ROOTFS_PROGS) $(USER_ROOTFS_TESTS) $(USER_ROOTFS_HELPERS) \
	$(USER_ROOTFS_GLIBC)

USER_LIST := $(BUILD)/user/rootfs.list

.PHONY: user-progs initramfs user-host-progs user-tests-host user-tests-musl-host user-clean \
	user-force

user-progs: $(USER_ROOTFS_FILES)
	@mkdir -p $(USER_ROOTFS)/tmp && chmod 1777 $(USER_ROOTFS)/tmp

initramfs: $(USER_INITRAMFS)

user-host-progs: $(USER_HOST_PROGS) $(USER_HOST_TESTS) $(USER_HOST_HELPERS)

user-tests-host: user-host-progs
	@tools/run-user-tests-host $(USER_HOST_TESTS)

user-tests-musl-host: user-progs
	@tools/run-user-tests-host $(USER_ROOTFS_TESTS)

# Rules, keyhole side: one static musl program per C file.
USER_MUSL_BUILD = @mkdir -p $(dir $@); echo "  MUSLCC  $<"; \
	$(MUSLCC) -static $(USER_CFLAGS) -o $@ $<

$(USER_ROOTFS)/init: user/init.c
	$(USER_MUSL_BUILD)
$(USER_ROOTFS)/bin/tests/%: user/tests/%.c $(wildcard user/tests/*.h)
	$(USER_MUSL_BUILD)
$(USER_ROOTFS)/bin/%: user/bin/%.c
	$(USER_MUSL_BUILD)
$(USER_ROOTFS)/bin/%: user/demos/%.c
	$(USER_MUSL_BUILD)

# Host side: the same sources, the host compiler and libc.
USER_HOST_BUILD = @mkdir -p $(dir $@); echo "  HOSTCC  $<"; \
	$(HOSTCC) $(USER_CFLAGS) -o $@ $<

$(USER_HOST)/init: user/init.c
	$(USER_HOST_BUILD)
$(USER_HOST)/bin/tests/%: user/tests/%.c $(wildcard user/tests/*.h)
	$(USER_HOST_BUILD)
$(USER_HOST)/bin/%: user/bin/%.c
	$(USER_HOST_BUILD)
$(USER_HOST)/bin/%: user/demos/%.c
	$(USER_HOST_BUILD)

# The test helpers: the same file in both trees.
USER_MUSL_LIB := /usr/lib/x86_64-linux-musl
USER_MUSL_STATIC_PIE = @mkdir -p $(dir $@); echo "  MUSLCC  $< (static-pie)"; \
	$(MUSLCC) -fPIE $(USER_CFLAGS) -nostartfiles -nostdlib $(USER_MUSL_LIB)/rcrt1.o \
	$(USER_MUSL_LIB)/crti.o $< -Wl,-static,-pie,--no-dynamic-linker -L$(USER_MUSL_LIB) -lc \
	$$($(HOSTCC) -print-libgcc-file-name) $(USER_MUSL_LIB)/crtn.o -o $@
USER_GLIBC_STATIC_PIE = @mkdir -p $(dir $@); echo "  HOSTCC  $< (static-pie)"; \
	$(HOSTCC) -static-pie $(USER_CFLAGS) -o $@ $<

$(USER_ROOTFS)/bin/tests/helpers/fake_ld $(USER_HOST)/bin/tests/helpers/fake_ld: \
		user/tests/helpers/fake_ld.c
	$(USER_MUSL_STATIC_PIE)
$(USER_ROOTFS)/bin/tests/helpers/glibc_spie $(USER_HOST)/bin/tests/helpers/glibc_spie: \
		user/tests/helpers/glibc_spie.c
	$(USER_GLIBC_STATIC_PIE)
$(USER_ROOTFS)/bin/tests/helpers/glibc_dyn $(USER_HOST)/bin/tests/helpers/glibc_dyn: \
		user/tests/helpers/glibc_dyn.c
	$(USER_HOST_BUILD)

$(USER_ROOTFS_GLIBC): $(USER_ROOTFS)/%: /%
	@mkdir -p $(dir $@)
	@echo "  CP      /$*"
	@cp -L $< $@

$(USER_MKINITRAMFS): tools/mkinitramfs.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

# The list of files changes when a source is added, removed or renamed;
# the archive is made again then, even if no file is newer than it.
$(USER_LIST): user-force
	@mkdir -p $(dir $@)
	@echo '$(USER_ROOTFS_FILES)' | cmp -s - $@ || echo '$(USER_ROOTFS_FILES)' > $@
user-force:

# Files in the tree that no source makes any more (a test was removed or
# renamed) are deleted first, so that the archive holds exactly the list.
$(USER_INITRAMFS): $(USER_ROOTFS_FILES) $(USER_MKINITRAMFS) $(USER_LIST)
	@mkdir -p $(USER_ROOTFS)/tmp && chmod 1777 $(USER_ROOTFS)/tmp
	@find $(USER_ROOTFS) -type f $(foreach f,$(USER_ROOTFS_FILES),! -path '$(f)') -delete
	@echo "  CPIO    $@"
	@$(USER_MKINITRAMFS) $@ $(USER_ROOTFS)

user-clean:
	rm -rf $(BUILD)/user $(USER_HOST) $(USER_INITRAMFS) $(USER_MKINITRAMFS)
