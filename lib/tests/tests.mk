# lib/tests/tests.mk - `make host-tests`: lib/ unit tests on the host.
#
# Included by the top Makefile (and usable alone: make -f lib/tests/tests.mk
# host-tests). Each lib/tests/test_*.c becomes the program
# $(BUILD)/host/test_*, linked with every lib/*.c compiled for the host,
# the framework (ktest_host.c) and the libc references (host_ref.c). All of
# it is built with AddressSanitizer and UndefinedBehaviorSanitizer; any
# report stops the program, which tools/run-host-tests counts as a failure.
#
# lib/*.c and the tests are compiled as in the kernel, -ffreestanding (so
# <stdint.h> is gcc's own, not glibc's), and with -include
# lib/tests/host_rename.h (lib's memcpy becomes kh_memcpy, and so on, so
# it does not replace the host libc's). ktest_host.c and host_ref.c, the
# host side, are compiled hosted and without the renaming. The nm check
# below makes sure no lib symbol escaped the renaming.
#
# Variables: BUILD (default build), HOSTCC (gcc), HOSTNM (nm), and
# HOST_CFLAGS_EXTRA for anything to add. Everything this file defines
# starts with HOST_ or host-.

BUILD  ?= build
HOSTCC ?= gcc
HOSTNM ?= nm

HOST_OUT := $(BUILD)/host
HOST_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_CFLAGS := -std=gnu11 -g -O1 -fno-omit-frame-pointer -fno-builtin -U_FORTIFY_SOURCE \
	$(HOST_SANITIZE) -Wall -Wextra -Werror -I. -MMD -MP $(HOST_CFLAGS_EXTRA)
HOST_LIBMODE := -ffreestanding -include lib/tests/host_rename.h

HOST_LIB_SRC  := $(wildcard lib/*.c)
HOST_LIB_OBJ  := $(patsubst lib/%.c,$(HOST_OUT)/lib/%.o,$(HOST_LIB_SRC))
HOST_TEST_SRC := $(wildcard lib/tests/test_*.c)
HOST_TEST_OBJ := $(patsubst lib/tests/%.c,$(HOST_OUT)/tests/%.o,$(HOST_TEST_SRC))
HOST_TESTS    := $(patsubst lib/tests/%.c,$(HOST_OUT)/%,$(HOST_TEST_SRC))
HOST_FW_OBJ   := $(HOST_OUT)/tests/ktest_host.o $(HOST_OUT)/tests/host_ref.o
HOST_SYMS_OK  := $(HOST_OUT)/lib/symbols-renamed

.PHONY: host-tests host-tests-build
host-tests: host-tests-build
	@tools/run-host-tests $(HOST_TESTS)

host-tests-build: $(HOST_TESTS)

$(HOST_LIB_OBJ): $(HOST_OUT)/lib/%.o: lib/%.c lib/tests/host_rename.h
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) $(HOST_CFLAGS) $(HOST_LIBMODE) -c $< -o $@

$(HOST_TEST_OBJ): $(HOST_OUT)/tests/%.o: lib/tests/%.c lib/tests/host_rename.h
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) $(HOST_CFLAGS) $(HOST_LIBMODE) -c $< -o $@

$(HOST_FW_OBJ): $(HOST_OUT)/tests/%.o: lib/tests/%.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

# Every global symbol lib/ defines must have been renamed to kh_*.
$(HOST_SYMS_OK): $(HOST_LIB_OBJ)
	@bad=$$($(HOSTNM) -g --defined-only $(HOST_LIB_OBJ) | \
		awk 'NF == 3 && $$3 !~ /^kh_/ { print $$3 }'); \
	if [ -n "$$bad" ]; then \
		echo "lib/ symbols missing from lib/tests/host_rename.h:" $$bad >&2; \
		exit 1; \
	fi
	@touch $@

$(HOST_TESTS): $(HOST_OUT)/%: $(HOST_OUT)/tests/%.o $(HOST_LIB_OBJ) $(HOST_FW_OBJ) $(HOST_SYMS_OK)
	@echo "  HOSTLD  $@"
	@$(HOSTCC) $(HOST_CFLAGS) -o $@ $< $(HOST_LIB_OBJ) $(HOST_FW_OBJ)

-include $(HOST_LIB_OBJ:.o=.d) $(HOST_TEST_OBJ:.o=.d) $(HOST_FW_OBJ:.o=.d)
