# user/debian/debian.mk - the full image: Debian 12's own programs
# (user/debian/packages, fetched by tools/fetch-debian) with keyhole's.
#
# Included by the top Makefile. Two images boot the same kernel:
#
#   small  $(BUILD)/keyhole.iso: keyhole's static musl programs only
#          (user/user.mk). `make test`'s user tests, `make bench`, run-prog.
#   full   $(BUILD)/keyhole-full.iso: the Debian tree, then keyhole's init,
#          demos and tests where Debian has no file of the same name (so
#          /bin/sh is Debian's dash, /bin/ls coreutils'), then
#          user/debian/etc/* over /etc (passwd, group, hostname, ...), and
#          the scripts of tools/image-checks in /usr/share/keyhole/checks.
#
# The Debian tree is made once per change of the package list or of the
# tool, in $(BUILD)/debian (its packages.txt: "name version" a line); the
# .deb files stay in ${XDG_CACHE_HOME:-~/.cache}/keyhole/debian.
#
# DEBIAN_FLAT=--flat turns every symlink into a copy (Debian's /bin ->
# usr/bin, /lib -> usr/lib, and the library links), for a kernel whose
# initramfs had no symlinks; by default (DEBIAN_FLAT=) they stay links,
# which fs/cpio.c unpacks as such.

DEBIAN_FLAT    ?=
DEBIAN_DIR     := $(BUILD)/debian
DEBIAN_LIST    := $(DEBIAN_DIR)/packages.txt
FULL_DIR       := $(BUILD)/full
FULL_ROOTFS    := $(FULL_DIR)/rootfs
FULL_INITRAMFS := $(FULL_DIR)/initramfs.cpio
FULL_ISO       := $(BUILD)/keyhole-full.iso

.PHONY: debian full-image

debian: $(DEBIAN_LIST)
full-image: $(FULL_ISO)

$(DEBIAN_DIR)/flat: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DEBIAN_FLAT)' | cmp -s - $@ || echo '$(DEBIAN_FLAT)' > $@

$(DEBIAN_LIST): user/debian/packages tools/fetch-debian $(DEBIAN_DIR)/flat
	@echo "  DEBIAN  $(DEBIAN_DIR)/tree (user/debian/packages)"
	@tools/fetch-debian --list user/debian/packages --out $(DEBIAN_DIR) $(DEBIAN_FLAT)

$(FULL_INITRAMFS): $(DEBIAN_LIST) $(USER_ROOTFS_FILES) $(USER_MKINITRAMFS) $(USER_LIST) \
		$(wildcard user/debian/etc/* user/debian/checks/*)
	@rm -rf $(FULL_ROOTFS)
	@mkdir -p $(FULL_DIR)
	@cp -a $(DEBIAN_DIR)/tree $(FULL_ROOTFS)
	@cd $(USER_ROOTFS) && find . -type f | while read -r f; do \
		[ -e "$(CURDIR)/$(FULL_ROOTFS)/$$f" ] && continue; \
		mkdir -p "$(CURDIR)/$(FULL_ROOTFS)/$$(dirname "$$f")"; \
		cp -p "$$f" "$(CURDIR)/$(FULL_ROOTFS)/$$f"; \
	done
	@cp user/debian/etc/* $(FULL_ROOTFS)/etc/
	@mkdir -p $(FULL_ROOTFS)/usr/share/keyhole/checks
	@cp user/debian/checks/* $(FULL_ROOTFS)/usr/share/keyhole/checks/
	@chmod 1777 $(FULL_ROOTFS)/tmp
	@echo "  CPIO    $@"
	@$(USER_MKINITRAMFS) $@ $(FULL_ROOTFS)

$(FULL_ISO): $(ELF) iso/grub.cfg iso/module-test.txt $(BUILD)/user/demo/hello $(FULL_INITRAMFS)
	@echo "  ISO     $@"
	@rm -rf $(FULL_DIR)/isodir
	@mkdir -p $(FULL_DIR)/isodir/boot/grub
	@$(OBJCOPY) --strip-debug $(ELF) $(FULL_DIR)/isodir/boot/keyhole.elf
	@cp iso/grub.cfg $(FULL_DIR)/isodir/boot/grub/grub.cfg
	@cp iso/module-test.txt $(FULL_DIR)/isodir/boot/
	@cp $(BUILD)/user/demo/hello $(FULL_DIR)/isodir/boot/hello
	@cp $(FULL_INITRAMFS) $(FULL_DIR)/isodir/boot/initramfs.cpio
	@grub-mkrescue -o $@ $(FULL_DIR)/isodir >$(FULL_DIR)/grub-mkrescue.log 2>&1 || \
		{ cat $(FULL_DIR)/grub-mkrescue.log; exit 1; }
