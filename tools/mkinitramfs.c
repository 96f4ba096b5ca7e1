/*
 * mkinitramfs - pack a directory tree into a cpio "newc" archive, the
 * initramfs GRUB loads for keyhole (fs/cpio.c unpacks it). A host program:
 * the build must not need the cpio tool.
 *
 *	mkinitramfs OUT.cpio DIR
 *
 * The format (cpio(5), "new ASCII"): per entry a 110-byte header, "070701"
 * then 13 fields of 8 hex digits (ino mode uid gid nlink mtime filesize
 * devmajor devminor rdevmajor rdevminor namesize check), then the name
 * with its NUL, padded with NULs so that header and name fill a multiple
 * of 4 bytes, then the data, padded to a multiple of 4. The last entry is
 * "TRAILER!!!".
 *
 * What goes in: every directory, regular file and symbolic link under DIR
 * (a link's data is its target, as cpio writes it), named relative
 * to DIR ("bin/sh", no leading "./"; DIR itself is not an entry), each
 * directory before what it holds and the entries of a directory sorted by
 * name (strcmp), so the same tree always gives the same archive. Modes and
 * mtimes come from the files (mtimes clamped to $SOURCE_DATE_EPOCH when it
 * is set); uid and gid are 0; inode numbers count up from 1 in archive
 * order; nlink is 2 for a directory and 1 for a file or link. Anything
 * else (a device, a FIFO) is an error: keyhole makes /dev itself, and
 * leaving it out silently would hide a mistake. Hard links are written as
 * separate files.
 *
 * The archive is written to OUT.cpio.tmp and renamed, so a failed run
 * leaves no half archive behind. Exit status 0, or 1 with a message.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER_LEN 110

static FILE *out;
static const char *out_name;
static unsigned long offset;	/* bytes written so far */
static unsigned long next_ino = 1;
static long long mtime_limit = -1;	/* $SOURCE_DATE_EPOCH, or -1 */

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkinitramfs: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (out) {
		fclose(out);
		remove(out_name);
	}
	exit(1);
}

static void put(const void *buf, size_t len)
{
	if (len && fwrite(buf, 1, len, out) != len)
		die("%s: %s", out_name, strerror(errno));
	offset += len;
}

/* NULs up to the next multiple of 4. */
static void pad4(void)
{
	static const char zeros[4];

	put(zeros, (4 - offset % 4) % 4);
}

/* One header and name; the caller writes filesize bytes of data after it. */
static void put_header(const char *name, unsigned long mode, unsigned long nlink,
		       unsigned long mtime, unsigned long filesize, unsigned long ino)
{
	unsigned fields[13] = {
		(unsigned)ino, (unsigned)mode, 0, 0, (unsigned)nlink, (unsigned)mtime,
		(unsigned)filesize, 0, 0, 0, 0, (unsigned)(strlen(name) + 1), 0,
	};
	char hdr[HEADER_LEN + 1] = "070701";

	if (filesize > 0xffffffffUL || mtime > 0xffffffffUL)
		die("%s: too big (or too late) for a newc archive", name);
	for (int i = 0; i < 13; i++)
		snprintf(hdr + 6 + 8 * i, 9, "%08X", fields[i]);
	put(hdr, HEADER_LEN);
	put(name, strlen(name) + 1);
	pad4();
}

static unsigned long clamp_mtime(time_t t)
{
	if (mtime_limit >= 0 && t > mtime_limit)
		return (unsigned long)mtime_limit;
	return t < 0 ? 0 : (unsigned long)t;
}

static void put_file(const char *path, const char *name, const struct stat *st)
{
	char buf[65536];
	unsigned long left = (unsigned long)st->st_size;
	FILE *f = fopen(path, "rb");

	if (!f)
		die("%s: %s", path, strerror(errno));
	put_header(name, st->st_mode, 1, clamp_mtime(st->st_mtime), left, next_ino++);
	while (left > 0) {
		size_t n = fread(buf, 1, left < sizeof(buf) ? left : sizeof(buf), f);

		if (n == 0)
			die("%s: %s", path, ferror(f) ? strerror(errno) : "shrank while read");
		put(buf, n);
		left -= n;
	}
	fclose(f);
	pad4();
}

static void put_symlink(const char *path, const char *name, const struct stat *st)
{
	char target[4096];
	ssize_t len = readlink(path, target, sizeof(target));

	if (len < 0 || (size_t)len >= sizeof(target))
		die("%s: %s", path, len < 0 ? strerror(errno) : "target too long");
	put_header(name, st->st_mode, 1, clamp_mtime(st->st_mtime), (unsigned long)len,
		   next_ino++);
	put(target, (size_t)len);
	pad4();
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Add the entries of directory path (named prefix in the archive, "" for
 * the top), sorted, each directory followed by its contents.
 */
static void put_dir(const char *path, const char *prefix)
{
	DIR *dir = opendir(path);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *d;

	if (!dir)
		die("%s: %s", path, strerror(errno));
	while ((d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			names = realloc(names, cap * sizeof(*names));
		}
		if (!names || !(names[n++] = strdup(d->d_name)))
			die("out of memory");
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), by_name);

	for (size_t i = 0; i < n; i++) {
		size_t plen = strlen(path) + strlen(names[i]) + 2;
		size_t nlen = strlen(prefix) + strlen(names[i]) + 2;
		char *child = malloc(plen), *name = malloc(nlen);
		struct stat st;

		if (!child || !name)
			die("out of memory");
		snprintf(child, plen, "%s/%s", path, names[i]);
		snprintf(name, nlen, "%s%s%s", prefix, *prefix ? "/" : "", names[i]);
		if (lstat(child, &st) < 0)
			die("%s: %s", child, strerror(errno));
		if (S_ISDIR(st.st_mode)) {
			put_header(name, st.st_mode, 2, clamp_mtime(st.st_mtime), 0, next_ino++);
			put_dir(child, name);
		} else if (S_ISREG(st.st_mode)) {
			put_file(child, name, &st);
		} else if (S_ISLNK(st.st_mode)) {
			put_symlink(child, name, &st);
		} else {
			die("%s: not a directory, a regular file or a symlink", child);
		}
		free(child);
		free(name);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char tmp[4096];
	struct stat st;

	if (argc != 3) {
		fprintf(stderr, "usage: mkinitramfs OUT.cpio DIR\n");
		return 2;
	}
	if (stat(argv[2], &st) < 0 || !S_ISDIR(st.st_mode))
		die("%s: not a directory", argv[2]);
	if (epoch && *epoch)
		mtime_limit = strtoll(epoch, NULL, 10);
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	out_name = tmp;
	out = fopen(tmp, "wb");
	if (!out)
		die("%s: %s", tmp, strerror(errno));
	put_dir(argv[2], "");
	put_header("TRAILER!!!", 0, 1, 0, 0, 0);
	if (fclose(out) != 0)
		die("%s: %s", tmp, strerror(errno));
	if (rename(tmp, argv[1]) < 0)
		die("%s: %s", argv[1], strerror(errno));
	return 0;
}
