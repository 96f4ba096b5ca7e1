# keyhole.gdb - attach gdb to QEMU's gdb stub and stop at kmain.
#
# tools/gdb/session (make gdb) loads this after `target remote`. QEMU starts
# halted, before the BIOS; the kernel is not in memory yet, so a software
# breakpoint (which writes int3 into the code) would be overwritten when
# GRUB loads it. A hardware breakpoint only watches the address.
set pagination off
set confirm off
set print pretty on
hbreak kmain
continue
delete
echo \n[keyhole] stopped at kmain. Try: bt, next, info registers, p boot_info, continue\n
