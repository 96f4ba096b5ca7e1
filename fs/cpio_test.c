/*
 * cpio_test.c - in-kernel tests of unpack_initramfs(): archives are built
 * here, by a small newc writer, then unpacked into a fresh ramfs; then
 * truncated and corrupted ones must fail with -EINVAL, never crash or
 * leak.
 */
#include "fs/cpio.h"
#include "fs/fs_test.h"
#include "fs/ramfs.h"
#include "kernel/ktest.h"
#include "kernel/time.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/slab.h"

/* A newc archive being written into a fixed buffer. */
struct cpio_writer {
	char *buf;
	size_t len, cap;
	bool overflow;
};

static void cw_bytes(struct cpio_writer *w, const void *p, size_t n)
{
	if (w->len + n > w->cap) {
		w->overflow = true;
		return;
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void cw_pad4(struct cpio_writer *w)
{
	while (w->len % 4)
		cw_bytes(w, "", 1);
}

/* One entry with the given inode number and link count (hard links). */
static void cw_entry_ino(struct cpio_writer *w, const char *name, u32 mode, u32 ino, u32 nlink,
			 const void *data, size_t size)
{
	char hdr[111];

	snprintf(hdr, sizeof(hdr), "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 ino, mode, 0u, 0u, nlink, 1700000000u, (u32)size, 0u, 0u, 0u, 0u,
		 (u32)strlen(name) + 1, 0u);
	cw_bytes(w, hdr, 110);
	cw_bytes(w, name, strlen(name) + 1);
	cw_pad4(w);
	cw_bytes(w, data, size);
	cw_pad4(w);
}

/* One entry: the header's 13 fields, the name, the data, padded as newc wants. */
static void cw_entry(struct cpio_writer *w, const char *name, u32 mode, u32 uid, u32 mtime,
		     const void *data, size_t size)
{
	char hdr[111];

	snprintf(hdr, sizeof(hdr), "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 (u32)w->len + 1, mode, uid, uid + 1, 1u, mtime, (u32)size, 0u, 0u, 3u, 4u,
		 (u32)strlen(name) + 1, 0u);
	cw_bytes(w, hdr, 110);
	cw_bytes(w, name, strlen(name) + 1);
	cw_pad4(w);
	cw_bytes(w, data, size);
	cw_pad4(w);
}

static void cw_trailer(struct cpio_writer *w)
{
	cw_entry(w, "TRAILER!!!", 0, 0, 0, NULL, 0);
}

static bool cw_init(struct cpio_writer *w, size_t cap)
{
	*w = (struct cpio_writer){ .buf = kmalloc(cap, GFP_KERNEL), .cap = cap };
	return w->buf != NULL;
}

#define MTIME 1700000000u               /* 2023-11-14, as the archive says */

static bool file_is(struct inode *root, const char *path, const char *data, size_t len)
{
	char buf[64];

	return kt_read_file(root, path, buf, sizeof(buf)) == (ssize_t)len &&
	       memcmp(buf, data, len) == 0;
}

/* An archive like `find . | cpio -o -H newc` makes, plus the odd cases. */
static void build_tree(struct cpio_writer *w, const char *big, size_t big_len)
{
	cw_entry(w, ".", S_IFDIR | 0755, 0, MTIME, NULL, 0);
	cw_entry(w, "bin", S_IFDIR | 0711, 0, MTIME, NULL, 0);
	cw_entry(w, "bin/init", S_IFREG | 04755, 0, MTIME, "#!init\n", 7);
	cw_entry(w, "bin/sh", S_IFLNK | 0777, 0, MTIME, "init", 4);
	cw_entry(w, "./etc/deep/er/motd", S_IFREG | 0644, 1000, MTIME, "hi", 2);  /* no parents */
	cw_entry(w, "/abs", S_IFREG | 0600, 0, MTIME, "a", 1);
	cw_entry(w, "dev/console", S_IFCHR | 0600, 0, MTIME, NULL, 0); /* skipped */
	cw_entry(w, "empty", S_IFREG | 0444, 0, MTIME, NULL, 0);
	cw_entry(w, "big", S_IFREG | 0644, 0, MTIME, big, big_len);
	cw_entry(w, "bin/", S_IFDIR | 0711, 0, MTIME, NULL, 0);        /* again, with a slash */
	cw_trailer(w);
}

/*
 * Debian's archives: /bin -> usr/bin as a symlink (merged /usr), a file
 * reached through it, and a hard-link group whose data comes on its last
 * name (as GNU cpio writes it) become one file with three names.
 */
KTEST(cpio_symlinks_and_hard_links)
{
	struct inode *root = ramfs_create_root();
	struct cpio_writer w;
	struct stat st, st2;

	KT_ASSERT(root != NULL);
	KT_ASSERT(cw_init(&w, 2 * PAGE_SIZE));
	cw_entry_ino(&w, "usr/bin", S_IFDIR | 0755, 10, 2, NULL, 0);
	cw_entry_ino(&w, "bin", S_IFLNK | 0777, 11, 1, "usr/bin", 7);
	cw_entry_ino(&w, "bin/a", S_IFREG | 0755, 12, 3, NULL, 0);      /* through the link */
	cw_entry_ino(&w, "usr/bin/b", S_IFREG | 0755, 12, 3, NULL, 0);
	cw_entry_ino(&w, "usr/bin/c", S_IFREG | 0755, 12, 3, "data", 4);
	cw_entry_ino(&w, "usr/bin/other", S_IFREG | 0644, 13, 1, "x", 1);
	cw_trailer(&w);
	KT_ASSERT(!w.overflow);
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), 0);
	KT_EXPECT(file_is(root, "/usr/bin/a", "data", 4));
	KT_EXPECT(file_is(root, "/bin/b", "data", 4));
	KT_EXPECT_EQ(kt_stat(root, "/usr/bin/a", &st), 0);
	KT_EXPECT_EQ(st.st_nlink, 3);
	KT_EXPECT_EQ(kt_stat(root, "/usr/bin/c", &st2), 0);
	KT_EXPECT_EQ(st.st_ino, st2.st_ino);
	KT_EXPECT_EQ(kt_stat(root, "/usr/bin/other", &st2), 0);
	KT_EXPECT_EQ(st2.st_nlink, 1);
	KT_EXPECT(st.st_ino != st2.st_ino);
	/* Again: every name is replaced, the group stays one file. */
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), 0);
	KT_EXPECT_EQ(kt_stat(root, "/bin/c", &st), 0);
	KT_EXPECT_EQ(st.st_nlink, 3);
	KT_EXPECT(file_is(root, "/bin/a", "data", 4));
	kfree(w.buf);
	ramfs_kill(root);
}

KTEST(cpio_unpack_tree)
{
	enum { BIG = 3 * PAGE_SIZE + 123 };
	struct inode *root = ramfs_create_root();
	char *big = kmalloc(BIG, GFP_KERNEL), *back = kmalloc(BIG + 1, GFP_KERNEL);
	struct cpio_writer w;
	struct stat st;

	KT_ASSERT(root != NULL && big != NULL && back != NULL);
	KT_ASSERT(cw_init(&w, 8 * PAGE_SIZE));
	for (int i = 0; i < BIG; i++)
		big[i] = (char)(i * 31 + 7);
	build_tree(&w, big, BIG);
	KT_ASSERT(!w.overflow);
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), 1);  /* the device */

	KT_EXPECT_EQ(kt_stat(root, "/bin", &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFDIR | 0711);
	KT_EXPECT_EQ(kt_stat(root, "/bin/init", &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 04755);     /* set-uid kept */
	KT_EXPECT_EQ(st.st_size, 7);
	KT_EXPECT_EQ(st.st_mtim.tv_sec, MTIME);
	KT_EXPECT(file_is(root, "/bin/init", "#!init\n", 7));
	KT_EXPECT_EQ(kt_stat(root, "/bin/sh", &st), 0);        /* followed to bin/init */
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 04755);
	{
		struct inode *link;
		char target[8];

		KT_ASSERT(vfs_lookup_flags(root, root, "/bin/sh", 0, &link) == 0);
		KT_EXPECT_EQ(link->i_mode, S_IFLNK | 0777);
		KT_EXPECT_EQ(link->i_size, 4);
		KT_EXPECT_EQ(vfs_readlink(link, target, sizeof(target)), 4);
		KT_EXPECT(memcmp(target, "init", 4) == 0);
		iput(link);
	}
	KT_EXPECT_EQ(kt_stat(root, "/dev/console", &st), -ENOENT);
	KT_EXPECT_EQ(kt_stat(root, "/dev", &st), -ENOENT);     /* skipped: not even parents */
	KT_EXPECT_EQ(kt_stat(root, "/etc/deep/er", &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFDIR | 0755);
	KT_EXPECT_EQ(kt_stat(root, "/etc/deep/er/motd", &st), 0);
	KT_EXPECT_EQ(st.st_uid, 1000);
	KT_EXPECT_EQ(st.st_gid, 1001);
	KT_EXPECT(file_is(root, "/etc/deep/er/motd", "hi", 2));
	KT_EXPECT(file_is(root, "/abs", "a", 1));
	KT_EXPECT_EQ(kt_stat(root, "/empty", &st), 0);
	KT_EXPECT_EQ(st.st_size, 0);
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 0444);
	KT_EXPECT_EQ(kt_read_file(root, "/big", back, BIG + 1), BIG);
	KT_EXPECT(memcmp(back, big, BIG) == 0);

	/* Unpacking again overwrites files and keeps directories. */
	KT_ASSERT(kt_write_file(root, "/bin/init", "longer than before", 18) == 0);
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), 1);
	KT_EXPECT(file_is(root, "/bin/init", "#!init\n", 7));

	kfree(w.buf);
	kfree(big);
	kfree(back);
	ramfs_kill(root);
}

/* ".." in a name cannot climb out of the directory unpacked into. */
KTEST(cpio_dotdot_stays_inside)
{
	struct inode *root = ramfs_create_root();
	struct inode *jail;
	struct cpio_writer w;
	struct stat st;

	KT_ASSERT(root != NULL);
	KT_ASSERT(vfs_mkdir(root, root, "/jail", 0755) == 0);
	KT_ASSERT(vfs_lookup(root, root, "/jail", &jail) == 0);
	KT_ASSERT(cw_init(&w, PAGE_SIZE));
	cw_entry(&w, "../../escape", S_IFREG | 0644, 0, MTIME, "x", 1);
	cw_entry(&w, "/../d/../f", S_IFREG | 0644, 0, MTIME, "y", 1);
	cw_trailer(&w);
	KT_EXPECT_EQ(unpack_initramfs(jail, w.buf, w.len), 0);
	KT_EXPECT_EQ(kt_stat(root, "/jail/escape", &st), 0);
	KT_EXPECT_EQ(kt_stat(root, "/escape", &st), -ENOENT);
	KT_EXPECT_EQ(kt_stat(root, "/jail/f", &st), 0);
	KT_EXPECT_EQ(kt_stat(root, "/jail/d", &st), 0);        /* made as a parent */
	kfree(w.buf);
	iput(jail);
	ramfs_kill(root);
}

/* Cut a good archive at every length: each must fail, and leak nothing. */
KTEST(cpio_truncated_archives_fail)
{
	struct cpio_writer w;
	int bad = 0;

	KT_ASSERT(cw_init(&w, 2 * PAGE_SIZE));
	cw_entry(&w, "d", S_IFDIR | 0755, 0, MTIME, NULL, 0);
	cw_entry(&w, "d/f", S_IFREG | 0644, 0, MTIME, "hello", 5);
	cw_entry(&w, "g", S_IFREG | 0644, 0, MTIME, "0123456789abc", 13);
	cw_trailer(&w);
	KT_ASSERT(!w.overflow);
	for (size_t cut = 0; cut < w.len; cut++) {
		struct inode *root = ramfs_create_root();

		KT_ASSERT(root != NULL);
		if (unpack_initramfs(root, w.buf, cut) != -EINVAL) {
			if (bad++ < 3)
				ktest_fail(__FILE__, __LINE__, "cut at %zu of %zu accepted", cut,
					   w.len);
		}
		ramfs_kill(root);
	}
	KT_EXPECT_EQ(bad, 0);
	struct inode *root = ramfs_create_root();
	KT_ASSERT(root != NULL);
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), 0);         /* whole: fine */
	cw_bytes(&w, "junk", 4);        /* what follows the trailer is ignored */
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), 0);
	ramfs_kill(root);
	kfree(w.buf);
}

/* Unpack a copy of good with n bytes at offset at replaced, in a fresh ramfs. */
static int unpack_damaged_n(const struct cpio_writer *good, size_t at, const char *bytes,
			    size_t n)
{
	struct inode *root = ramfs_create_root();
	char *copy = kmalloc(good->len, GFP_KERNEL);
	int ret = -ENOMEM;

	if (root && copy) {
		memcpy(copy, good->buf, good->len);
		memcpy(copy + at, bytes, n);
		ret = unpack_initramfs(root, copy, good->len);
	}
	kfree(copy);
	if (root)
		ramfs_kill(root);
	return ret;
}

#define unpack_damaged(good, at, str) unpack_damaged_n(good, at, str, sizeof(str) - 1)

/* Offsets of the fields in a header (each 8 hex digits after the 6-byte magic). */
#define FIELD(i)        (6 + 8 * (i))
#define F_MODE_AT       FIELD(1)
#define F_FILESIZE_AT   FIELD(6)
#define F_NAMESIZE_AT   FIELD(11)

KTEST(cpio_corrupt_archives_fail)
{
	struct cpio_writer w;

	KT_ASSERT(cw_init(&w, PAGE_SIZE));
	cw_entry(&w, "file", S_IFREG | 0644, 0, MTIME, "data", 4);    /* header at 0, name at 110 */
	size_t trailer = w.len;
	cw_trailer(&w);
	KT_ASSERT(!w.overflow);
	KT_EXPECT_EQ(unpack_damaged(&w, 0, "07"), 0);                   /* no change: fine */
	KT_EXPECT_EQ(unpack_damaged(&w, 0, "070707"), -EINVAL);         /* old binary magic */
	KT_EXPECT_EQ(unpack_damaged(&w, 5, "2"), -EINVAL);              /* 070702: CRC format */
	KT_EXPECT_EQ(unpack_damaged(&w, F_FILESIZE_AT + 3, "g"), -EINVAL);     /* not hex */
	KT_EXPECT_EQ(unpack_damaged(&w, F_FILESIZE_AT, " "), -EINVAL);
	KT_EXPECT_EQ(unpack_damaged(&w, F_FILESIZE_AT, "7fffffff"), -EINVAL);  /* past the end */
	KT_EXPECT_EQ(unpack_damaged(&w, F_FILESIZE_AT, "00000005"), -EINVAL);  /* next header off */
	KT_EXPECT_EQ(unpack_damaged(&w, F_NAMESIZE_AT, "00000000"), -EINVAL);
	KT_EXPECT_EQ(unpack_damaged(&w, F_NAMESIZE_AT, "00000004"), -EINVAL);  /* NUL not last */
	KT_EXPECT_EQ(unpack_damaged(&w, F_NAMESIZE_AT, "ffffffff"), -EINVAL);
	KT_EXPECT_EQ(unpack_damaged(&w, 110 + 1, "\0"), -EINVAL);       /* NUL inside the name */
	KT_EXPECT_EQ(unpack_damaged(&w, F_MODE_AT, "00000644"), -EINVAL);      /* no type */
	KT_EXPECT_EQ(unpack_damaged(&w, F_MODE_AT, "0000f1a4"), -EINVAL);      /* bogus type */
	KT_EXPECT_EQ(unpack_damaged(&w, trailer, "17"), -EINVAL);       /* the trailer's magic */
	KT_EXPECT_EQ(unpack_damaged(&w, trailer + 110, "X"), -EINVAL);  /* no trailer */
	w.len = 0;
	cw_entry(&w, "", S_IFREG | 0644, 0, MTIME, NULL, 0);
	cw_trailer(&w);
	KT_EXPECT_EQ(unpack_damaged(&w, 0, ""), -EINVAL);               /* an empty name */
	kfree(w.buf);

	/* An entry whose type clashes with the tree. */
	struct inode *root = ramfs_create_root();
	KT_ASSERT(root != NULL);
	KT_ASSERT(cw_init(&w, PAGE_SIZE));
	cw_entry(&w, "x", S_IFREG | 0644, 0, MTIME, NULL, 0);
	cw_entry(&w, "x", S_IFDIR | 0755, 0, MTIME, NULL, 0);
	cw_trailer(&w);
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), -EEXIST);
	w.len = 0;
	cw_entry(&w, "x/y", S_IFREG | 0644, 0, MTIME, NULL, 0);
	cw_trailer(&w);
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), -EEXIST);   /* x is no directory */
	kfree(w.buf);
	ramfs_kill(root);
}

/* Names that are legal newc but odd: each unpacks or fails cleanly. */
KTEST(cpio_hostile_names)
{
	static char long_name[PATH_MAX + 8];
	struct inode *root = ramfs_create_root();
	struct cpio_writer w;
	struct stat st;
	int ret;

	KT_ASSERT(root != NULL);
	KT_ASSERT(cw_init(&w, 3 * PAGE_SIZE));
	/* A file where the root directory is: the root stays a directory. */
	cw_entry(&w, "/", S_IFREG | 0644, 0, MTIME, "x", 1);
	cw_trailer(&w);
	ret = unpack_initramfs(root, w.buf, w.len);
	KT_EXPECT(ret == -EISDIR || ret == -EEXIST);
	KT_EXPECT_EQ(kt_stat(root, "/", &st), 0);
	KT_EXPECT(S_ISDIR(st.st_mode));
	/* ".", "..", "//", "./": the root itself, as a directory entry. */
	w.len = 0;
	cw_entry(&w, ".", S_IFDIR | 0700, 0, MTIME, NULL, 0);
	cw_entry(&w, "..", S_IFDIR | 0755, 0, MTIME, NULL, 0);
	cw_entry(&w, "//", S_IFDIR | 0755, 0, MTIME, NULL, 0);
	cw_entry(&w, "./", S_IFDIR | 0755, 0, MTIME, NULL, 0);
	cw_entry(&w, "a//b/./c/../d", S_IFREG | 0644, 0, MTIME, "d", 1);
	cw_trailer(&w);
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), 0);
	KT_EXPECT(file_is(root, "/a/b/d", "d", 1));
	KT_EXPECT_EQ(kt_stat(root, "/a/b/c", &st), 0);
	/* A file named like a directory that exists, and a file under a file. */
	w.len = 0;
	cw_entry(&w, "a/b", S_IFREG | 0644, 0, MTIME, "x", 1);
	cw_trailer(&w);
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), -EISDIR);
	w.len = 0;
	cw_entry(&w, "a/b/d/e", S_IFREG | 0644, 0, MTIME, "x", 1);
	cw_trailer(&w);
	ret = unpack_initramfs(root, w.buf, w.len);
	KT_EXPECT(ret == -EEXIST || ret == -ENOTDIR);
	/* The longest name the format allows here, and one past it. */
	memset(long_name, 'n', PATH_MAX - 1);
	long_name[PATH_MAX - 1] = '\0';
	w.len = 0;
	cw_entry(&w, long_name, S_IFREG | 0644, 0, MTIME, NULL, 0);
	cw_trailer(&w);
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), -ENAMETOOLONG);
	long_name[PATH_MAX - 1] = 'n';
	long_name[PATH_MAX] = '\0';
	w.len = 0;
	cw_entry(&w, long_name, S_IFREG | 0644, 0, MTIME, NULL, 0);
	cw_trailer(&w);
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), -EINVAL);
	/* Deep nesting: parents made one by one, no recursion to overflow. */
	char *deep = long_name;
	size_t n = 0;
	for (int i = 0; i < 400 && n + 3 < 1500; i++) {
		deep[n++] = 'd';
		deep[n++] = '/';
	}
	deep[n++] = 'f';
	deep[n] = '\0';
	w.len = 0;
	cw_entry(&w, deep, S_IFREG | 0644, 0, MTIME, "z", 1);
	cw_trailer(&w);
	KT_EXPECT_EQ(unpack_initramfs(root, w.buf, w.len), 0);
	KT_EXPECT(file_is(root, deep, "z", 1));
	kfree(w.buf);
	ramfs_kill(root);
}

/*
 * Thousands of damaged copies of a good archive: a random hex digit of a
 * header field changed, a random byte anywhere changed, or an 8-digit
 * field set to an edge value (0, 1, 0x7fffffff, 0xffffffff, the
 * archive's length). Each is unpacked into a fresh ramfs: it must
 * unpack, or fail with one of the errors unpack_initramfs() lists, and
 * leak nothing (the ktest runner counts the pages).
 */
KTEST(cpio_mutated_archives_survive)
{
	static const char hex[] = "0123456789abcdef";
	struct cpio_writer w;
	u64 seed = 0x6370696f5f6d7574ULL;      /* fixed: a failure can be replayed */
	char *copy;
	int bad = 0;

	size_t hdrs[3];

	KT_ASSERT(cw_init(&w, 2 * PAGE_SIZE));
	hdrs[0] = w.len;
	cw_entry(&w, "d", S_IFDIR | 0755, 0, MTIME, NULL, 0);
	hdrs[1] = w.len;
	cw_entry(&w, "d/f", S_IFREG | 0644, 0, MTIME, "hello", 5);
	hdrs[2] = w.len;
	cw_entry(&w, "../g", S_IFREG | 0644, 0, MTIME, "0123456789abc", 13);
	cw_entry(&w, "l", S_IFLNK | 0777, 0, MTIME, "d/f", 3);
	cw_entry(&w, "d/e", S_IFDIR | 0700, 0, MTIME, NULL, 0);
	cw_trailer(&w);
	KT_ASSERT(!w.overflow);
	copy = kmalloc(w.len, GFP_KERNEL);
	KT_ASSERT(copy != NULL);
	for (int i = 0; i < 3000; i++) {
		struct inode *root = ramfs_create_root();
		char field[9];
		int ret;

		KT_ASSERT(root != NULL);
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		u32 r = (u32)(seed >> 32);
		memcpy(copy, w.buf, w.len);
		switch (i % 3) {
		case 0:                 /* a hex digit of some header */
			copy[(r >> 8) % w.len] = hex[r & 15];
			break;
		case 1:                 /* any byte, anywhere */
			copy[(r >> 8) % w.len] = (char)r;
			break;
		default: {              /* a whole field of the first few headers */
			static const u32 edge[] = { 0, 1, 2, 0x7fffffff, 0xffffffff, 0x80000000 };
			size_t hdr = hdrs[(r >> 16) % 3];
			u32 v = (r & 7) < 6 ? edge[r & 7] : (u32)w.len;

			snprintf(field, sizeof(field), "%08x", v);
			memcpy(copy + hdr + 6 + 8 * ((r >> 8) % 13), field, 8);
			break;
		}
		}
		ret = unpack_initramfs(root, copy, w.len);
		if (!(ret >= 0 || ret == -EINVAL || ret == -EEXIST || ret == -ENOTDIR ||
		      ret == -EISDIR || ret == -ENAMETOOLONG || ret == -ENOMEM || ret == -ENOENT ||
		      ret == -ELOOP)) {
			if (bad++ < 3)
				ktest_fail(__FILE__, __LINE__, "mutation %d: unexpected error %d", i,
					   ret);
		}
		ramfs_kill(root);
	}
	KT_EXPECT_EQ(bad, 0);
	kfree(copy);
	kfree(w.buf);
}
