/*
 * printk.h - the kernel's printf, with Linux's log levels.
 *
 * A message may start with a level (KERN_ERR "..."); without one it is
 * KERN_DEFAULT, which means KERN_WARNING as in Linux. Every message goes
 * into the log ring buffer; it reaches the console only if its level is
 * below console_loglevel (7 by default, 4 with `quiet` on the command line,
 * as Linux).
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include "lib/compiler.h"
#include "lib/types.h"

#define KERN_SOH        "\001"
#define KERN_EMERG      KERN_SOH "0"
#define KERN_ALERT      KERN_SOH "1"
#define KERN_CRIT       KERN_SOH "2"
#define KERN_ERR        KERN_SOH "3"
#define KERN_WARNING    KERN_SOH "4"
#define KERN_NOTICE     KERN_SOH "5"
#define KERN_INFO       KERN_SOH "6"
#define KERN_DEBUG      KERN_SOH "7"
#define KERN_CONT       KERN_SOH "c"    /* continue the previous line */

#define LOGLEVEL_DEFAULT        4
#define CONSOLE_LOGLEVEL_DEFAULT 7
#define CONSOLE_LOGLEVEL_QUIET  4
#define CONSOLE_LOGLEVEL_MOTORMOUTH 15    /* print everything: oopses */

#define LOG_BUF_LEN     (64 * 1024)
#define LOG_RECORDS     2048            /* lines the log keeps track of */

extern int console_loglevel;
extern bool oops_in_progress;

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);
size_t log_buf_read(size_t pos, char *buf, size_t len, size_t *next);
size_t log_buf_total(void);

/* One line of the log, as dmesg reads it (syslog(2), /dev/kmsg). */
struct log_rec {
	u64 seq;                /* its number, counted from 0 at boot */
	u64 ts_nsec;            /* when it was logged: ns since boot */
	int level;              /* LOGLEVEL_*, 0-7 */
	int facility;           /* 0: the kernel, 1: user (LOG_USER) ... */
};

__printf(2, 3) int printk_facility(int facility, const char *fmt, ...);

long log_read_record(u64 *seq, struct log_rec *rec, char *buf, size_t len);
void log_seq_range(u64 *first, u64 *next);

#define pr_emerg(fmt, ...)   printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...)   printk(KERN_ALERT fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...)    printk(KERN_CRIT fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)     printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)    printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)  printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)    printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)   printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...)    printk(KERN_CONT fmt, ##__VA_ARGS__)

#endif /* KERNEL_PRINTK_H */
