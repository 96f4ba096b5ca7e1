/*
 * rtc.c - the CMOS real-time clock, read once at boot for the wall clock.
 *
 * The RTC lives behind an index port (0x70) and a data port (0x71). Its
 * registers may be BCD or binary, and 12- or 24-hour (status register B
 * says which). It updates once a second, and a read during the update can
 * see half-old, half-new values, so rtc_read_time() waits while "update in
 * progress" is set and reads until two reads in a row agree, as Linux's
 * mc146818_get_time() does.
 */
#include "arch/x86_64/io.h"
#include "kernel/time.h"
#include "lib/string.h"

#define CMOS_INDEX      0x70
#define CMOS_DATA       0x71
#define RTC_SECONDS     0x00
#define RTC_MINUTES     0x02
#define RTC_HOURS       0x04
#define RTC_DAY         0x07
#define RTC_MONTH       0x08
#define RTC_YEAR        0x09
#define RTC_STATUS_A    0x0a
#define RTC_STATUS_B    0x0b
#define RTC_UIP         0x80    /* status A: update in progress */
#define RTC_24H         0x02    /* status B: 24-hour mode */
#define RTC_BINARY      0x04    /* status B: binary, not BCD */

static u8 cmos_read(u8 reg)
{
	outb(CMOS_INDEX, reg);          /* bit 7 clear: NMIs stay enabled */
	return inb(CMOS_DATA);
}

static void rtc_read_raw(struct rtc_time *tm)
{
	while (cmos_read(RTC_STATUS_A) & RTC_UIP)
		;
	tm->tm_sec = cmos_read(RTC_SECONDS);
	tm->tm_min = cmos_read(RTC_MINUTES);
	tm->tm_hour = cmos_read(RTC_HOURS);
	tm->tm_mday = cmos_read(RTC_DAY);
	tm->tm_mon = cmos_read(RTC_MONTH);
	tm->tm_year = cmos_read(RTC_YEAR);
}

static int bcd2bin(int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* rtc_read_time - the RTC's date and time, in binary, 24-hour, full year. */
void rtc_read_time(struct rtc_time *tm)
{
	struct rtc_time again;
	u8 status_b;

	rtc_read_raw(tm);
	for (;;) {
		rtc_read_raw(&again);
		if (memcmp(tm, &again, sizeof(again)) == 0)
			break;
		*tm = again;
	}
	status_b = cmos_read(RTC_STATUS_B);

	bool pm = tm->tm_hour & 0x80;
	tm->tm_hour &= 0x7f;
	if (!(status_b & RTC_BINARY)) {
		tm->tm_sec = bcd2bin(tm->tm_sec);
		tm->tm_min = bcd2bin(tm->tm_min);
		tm->tm_hour = bcd2bin(tm->tm_hour);
		tm->tm_mday = bcd2bin(tm->tm_mday);
		tm->tm_mon = bcd2bin(tm->tm_mon);
		tm->tm_year = bcd2bin(tm->tm_year);
	}
	if (!(status_b & RTC_24H))
		tm->tm_hour = (tm->tm_hour % 12) + (pm ? 12 : 0);
	/* A two-digit year: like Linux, 70-99 is 19xx and 00-69 is 20xx. */
	tm->tm_year += tm->tm_year < 70 ? 2000 : 1900;
}

/*
 * mktime64 - seconds since 1970-01-01 00:00:00 UTC for a date in the
 * proleptic Gregorian calendar (mon 1-12).
 *
 * Counting years from March puts the leap day last, so the days before a
 * month follow one formula: (153 * m + 2) / 5 with m = 0 for March.
 */
s64 mktime64(int year, int mon, int day, int hour, int min, int sec)
{
	s64 y = year - (mon <= 2);
	s64 m = mon <= 2 ? mon + 9 : mon - 3;
	s64 era = (y >= 0 ? y : y - 399) / 400;
	s64 yoe = y - era * 400;                            /* 0..399 */
	s64 doy = (153 * m + 2) / 5 + day - 1;              /* 0..365 */
	s64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;    /* 0..146096 */
	s64 days = era * 146097 + doe - 719468;             /* since 1970 */

	return ((days * 24 + hour) * 60 + min) * 60 + sec;
}
