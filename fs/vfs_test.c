/*
 * vfs_test.c - in-kernel tests of the VFS's name operations and objects:
 * the path walk, open flags, mkdir/rmdir/unlink and their errors,
 * getdents64 records, the stat layout and file reference counts. They
 * run on ramfs, each on a ramfs of its own.
 */
#include "fs/dev.h"
#include "fs/fs_test.h"
#include "fs/ramfs.h"
#include "kernel/ktest.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/slab.h"

/* Whether path leads to the same inode as want. */
static bool walks_to(struct inode *root, struct inode *cwd, const char *path, struct inode *want)
{
	struct inode *got;

	if (vfs_lookup(root, cwd, path, &got))
		return false;
	iput(got);
	return got == want;
}

static int lookup_err(struct inode *root, struct inode *cwd, const char *path)
{
	struct inode *got;
	int err = vfs_lookup(root, cwd, path, &got);

	if (!err)
		iput(got);
	return err;
}

KTEST(vfs_path_walk_dots_and_slashes)
{
	struct inode *root = ramfs_create_root();
	struct inode *a, *b, *f;

	KT_ASSERT(root != NULL);
	KT_ASSERT(vfs_mkdir(root, root, "/a", 0755) == 0);
	KT_ASSERT(vfs_mkdir(root, root, "a/b/", 0755) == 0);   /* a trailing slash is fine */
	KT_ASSERT(kt_write_file(root, "/a/b/f", "x", 1) == 0);
	KT_ASSERT(vfs_lookup(root, root, "/a", &a) == 0);
	KT_ASSERT(vfs_lookup(root, root, "/a/b", &b) == 0);
	KT_ASSERT(vfs_lookup(root, root, "/a/b/f", &f) == 0);

	KT_EXPECT(walks_to(root, root, "/", root));
	KT_EXPECT(walks_to(root, root, "///", root));
	KT_EXPECT(walks_to(root, root, ".", root));
	KT_EXPECT(walks_to(root, root, "..", root));            /* the root's parent is itself */
	KT_EXPECT(walks_to(root, root, "/../../..", root));
	KT_EXPECT(walks_to(root, root, "a//b///f", f));
	KT_EXPECT(walks_to(root, root, "/a/./b/../b/f", f));
	KT_EXPECT(walks_to(root, root, "/../a/b/f", f));
	KT_EXPECT(walks_to(root, root, "/a/b/", b));
	KT_EXPECT(walks_to(root, root, "/a/b/..", a));
	KT_EXPECT(walks_to(root, root, "/a/b/../..", root));
	/* Relative paths start at cwd; absolute ones at root whatever cwd is. */
	KT_EXPECT(walks_to(root, a, "b/f", f));
	KT_EXPECT(walks_to(root, a, "./b/./f", f));
	KT_EXPECT(walks_to(root, a, "..", root));
	KT_EXPECT(walks_to(root, b, "../..", root));
	KT_EXPECT(walks_to(root, b, "/a", a));
	/* A chroot: with root = a, ".." stops at a and "/" is a. */
	KT_EXPECT(walks_to(a, b, "../../..", a));
	KT_EXPECT(walks_to(a, b, "/b/f", f));

	KT_EXPECT_EQ(lookup_err(root, root, ""), -ENOENT);
	KT_EXPECT_EQ(lookup_err(root, root, "/nope"), -ENOENT);
	KT_EXPECT_EQ(lookup_err(root, root, "/a/nope/f"), -ENOENT);
	KT_EXPECT_EQ(lookup_err(root, root, "/a/b/f/"), -ENOTDIR);
	KT_EXPECT_EQ(lookup_err(root, root, "/a/b/f/."), -ENOTDIR);
	KT_EXPECT_EQ(lookup_err(root, root, "/a/b/f/x"), -ENOTDIR);
	KT_EXPECT_EQ(lookup_err(root, f, "x"), -ENOTDIR);       /* a cwd that is a file */
	iput(a);
	iput(b);
	iput(f);
	ramfs_kill(root);
}

KTEST(vfs_name_length_limits)
{
	struct inode *root = ramfs_create_root();
	char *path = kmalloc(PATH_MAX + 2, GFP_KERNEL);

	KT_ASSERT(root != NULL && path != NULL);
	/* A 255-byte component is fine, 256 is not. */
	path[0] = '/';
	memset(path + 1, 'n', NAME_MAX);
	path[1 + NAME_MAX] = '\0';
	KT_EXPECT_EQ(kt_write_file(root, path, "x", 1), 0);
	KT_EXPECT_EQ(lookup_err(root, root, path), 0);
	path[1 + NAME_MAX] = 'n';
	path[2 + NAME_MAX] = '\0';
	KT_EXPECT_EQ(lookup_err(root, root, path), -ENAMETOOLONG);
	KT_EXPECT_EQ(vfs_mkdir(root, root, path, 0755), -ENAMETOOLONG);
	KT_EXPECT_EQ(kt_open_close(root, path, O_CREAT | O_WRONLY), -ENAMETOOLONG);

	/* 4095 bytes of "/x/x..." is a legal (missing) path; 4096 is too long. */
	for (int i = 0; i < PATH_MAX; i++)
		path[i] = i % 2 ? 'x' : '/';
	path[PATH_MAX - 1] = '\0';
	KT_EXPECT_EQ(lookup_err(root, root, path), -ENOENT);
	path[PATH_MAX - 1] = '/';
	path[PATH_MAX] = '\0';
	KT_EXPECT_EQ(lookup_err(root, root, path), -ENAMETOOLONG);
	KT_EXPECT_EQ(vfs_unlink(root, root, path), -ENAMETOOLONG);
	kfree(path);
	ramfs_kill(root);
}

KTEST(vfs_open_flags)
{
	struct inode *root = ramfs_create_root();
	struct file *f;
	struct stat st;

	KT_ASSERT(root != NULL);
	KT_ASSERT(vfs_mkdir(root, root, "/d", 0755) == 0);
	KT_EXPECT_EQ(kt_open_close(root, "/f", O_RDONLY), -ENOENT);
	KT_ASSERT(vfs_open(root, root, "/f", O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0640, &f) == 0);
	KT_EXPECT_EQ(f->f_flags, O_RDWR | O_CLOEXEC);  /* open-only flags are dropped */
	KT_EXPECT_EQ(f->f_mode, FMODE_READ | FMODE_WRITE);
	KT_EXPECT_EQ(f->f_pos, 0);
	fput(f);
	KT_EXPECT_EQ(kt_stat(root, "/f", &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 0640);
	KT_EXPECT_EQ(kt_open_close(root, "/f", O_RDWR | O_CREAT | O_EXCL), -EEXIST);
	KT_EXPECT_EQ(kt_open_close(root, "/f", O_RDWR | O_CREAT), 0);  /* exists: just opens */
	KT_EXPECT_EQ(kt_open_close(root, "/f", O_RDONLY | O_DIRECTORY), -ENOTDIR);
	KT_EXPECT_EQ(kt_open_close(root, "/f/", O_RDONLY), -ENOTDIR);
	KT_EXPECT_EQ(kt_open_close(root, "/f/x", O_RDWR | O_CREAT), -ENOTDIR);
	KT_EXPECT_EQ(kt_open_close(root, "/no/x", O_RDWR | O_CREAT), -ENOENT);
	KT_EXPECT_EQ(kt_open_close(root, "/new/", O_RDWR | O_CREAT), -EISDIR);
	KT_EXPECT_EQ(kt_open_close(root, "/g", O_CREAT | O_DIRECTORY), -EINVAL);
	KT_EXPECT_EQ(lookup_err(root, root, "/g"), -ENOENT);     /* nothing was made */

	/* Directories: read-only opens only. */
	KT_EXPECT_EQ(kt_open_close(root, "/d", O_RDONLY), 0);
	KT_EXPECT_EQ(kt_open_close(root, "/d/", O_RDONLY | O_DIRECTORY), 0);
	KT_EXPECT_EQ(kt_open_close(root, "/", O_RDONLY), 0);
	KT_EXPECT_EQ(kt_open_close(root, ".", O_RDONLY), 0);
	KT_EXPECT_EQ(kt_open_close(root, "/d", O_WRONLY), -EISDIR);
	KT_EXPECT_EQ(kt_open_close(root, "/d", O_RDWR), -EISDIR);
	KT_EXPECT_EQ(kt_open_close(root, "/d", O_ACCMODE), -EISDIR);   /* 3 asks for writing too */
	KT_EXPECT_EQ(kt_open_close(root, "/d", O_RDONLY | O_TRUNC), -EISDIR);
	KT_EXPECT_EQ(kt_open_close(root, "/d", O_RDONLY | O_CREAT), -EISDIR);
	KT_EXPECT_EQ(kt_open_close(root, "/d", O_RDONLY | O_CREAT | O_EXCL), -EEXIST);
	KT_EXPECT_EQ(kt_open_close(root, ".", O_RDONLY | O_CREAT), -EISDIR);
	KT_EXPECT_EQ(kt_open_close(root, "/", O_RDONLY | O_CREAT | O_EXCL), -EEXIST);
	ramfs_kill(root);
}

KTEST(vfs_mkdir_rmdir_unlink_errors)
{
	struct inode *root = ramfs_create_root();
	struct stat st;

	KT_ASSERT(root != NULL);
	KT_ASSERT(vfs_mkdir(root, root, "/d", 0755) == 0);
	KT_ASSERT(vfs_mkdir(root, root, "/d/sub", 0700) == 0);
	KT_ASSERT(kt_write_file(root, "/d/file", "x", 1) == 0);

	/* Links: a directory has 2 + one per subdirectory. */
	KT_EXPECT_EQ(kt_stat(root, "/", &st), 0);
	KT_EXPECT_EQ(st.st_nlink, 3);
	KT_EXPECT_EQ(kt_stat(root, "/d", &st), 0);
	KT_EXPECT_EQ(st.st_nlink, 3);
	KT_EXPECT_EQ(st.st_mode, S_IFDIR | 0755);
	KT_EXPECT_EQ(kt_stat(root, "/d/sub", &st), 0);
	KT_EXPECT_EQ(st.st_nlink, 2);

	KT_EXPECT_EQ(vfs_mkdir(root, root, "/d", 0755), -EEXIST);
	KT_EXPECT_EQ(vfs_mkdir(root, root, "/d/file", 0755), -EEXIST);
	KT_EXPECT_EQ(vfs_mkdir(root, root, "/", 0755), -EEXIST);
	KT_EXPECT_EQ(vfs_mkdir(root, root, "/d/..", 0755), -EEXIST);
	KT_EXPECT_EQ(vfs_mkdir(root, root, "/d/file/x", 0755), -ENOTDIR);
	KT_EXPECT_EQ(vfs_mkdir(root, root, "/nope/x", 0755), -ENOENT);
	KT_EXPECT_EQ(vfs_mkdir(root, root, "", 0755), -ENOENT);

	KT_EXPECT_EQ(vfs_rmdir(root, root, "/d"), -ENOTEMPTY);
	KT_EXPECT_EQ(vfs_rmdir(root, root, "/d/file"), -ENOTDIR);
	KT_EXPECT_EQ(vfs_rmdir(root, root, "/d/nope"), -ENOENT);
	KT_EXPECT_EQ(vfs_rmdir(root, root, "/d/sub/."), -EINVAL);
	KT_EXPECT_EQ(vfs_rmdir(root, root, "/d/sub/.."), -ENOTEMPTY);
	KT_EXPECT_EQ(vfs_rmdir(root, root, "/"), -EBUSY);
	KT_EXPECT_EQ(vfs_unlink(root, root, "/d/sub"), -EISDIR);
	KT_EXPECT_EQ(vfs_unlink(root, root, "/d/nope"), -ENOENT);
	KT_EXPECT_EQ(vfs_unlink(root, root, "/d/file/"), -ENOTDIR);
	KT_EXPECT_EQ(vfs_unlink(root, root, "/d/file/x"), -ENOTDIR);
	KT_EXPECT_EQ(vfs_unlink(root, root, "/"), -EISDIR);
	KT_EXPECT_EQ(vfs_unlink(root, root, "/d/."), -EISDIR);

	KT_EXPECT_EQ(vfs_unlink(root, root, "/d/file"), 0);
	KT_EXPECT_EQ(lookup_err(root, root, "/d/file"), -ENOENT);
	KT_EXPECT_EQ(vfs_unlink(root, root, "/d/file"), -ENOENT);
	KT_EXPECT_EQ(vfs_rmdir(root, root, "/d/sub/"), 0);     /* a trailing slash is fine */
	KT_EXPECT_EQ(kt_stat(root, "/d", &st), 0);
	KT_EXPECT_EQ(st.st_nlink, 2);
	KT_EXPECT_EQ(vfs_rmdir(root, root, "/d"), 0);
	KT_EXPECT_EQ(kt_stat(root, "/", &st), 0);
	KT_EXPECT_EQ(st.st_nlink, 2);
	KT_EXPECT_EQ(lookup_err(root, root, "/d"), -ENOENT);

	/* mknod: regular files and devices; directories are mkdir's. */
	KT_EXPECT_EQ(vfs_mknod(root, root, "/r", 0600, 0), 0);
	KT_EXPECT_EQ(kt_stat(root, "/r", &st), 0);
	KT_EXPECT_EQ(st.st_mode, S_IFREG | 0600);
	KT_EXPECT_EQ(vfs_mknod(root, root, "/r", S_IFREG | 0600, 0), -EEXIST);
	KT_EXPECT_EQ(vfs_mknod(root, root, "/x", S_IFDIR | 0755, 0), -EPERM);
	KT_EXPECT_EQ(vfs_mknod(root, root, "/x", 0170000, 0), -EINVAL);
	KT_EXPECT_EQ(vfs_mknod(root, root, "/x/", S_IFCHR | 0600, MKDEV(1, 3)), -ENOENT);
	ramfs_kill(root);
}

/* A directory removed while in use (open, or a cwd) stays valid but empty. */
KTEST(vfs_removed_directory_stays_usable)
{
	struct inode *root = ramfs_create_root();
	struct inode *cwd;
	struct file *dirf;
	char buf[64];

	KT_ASSERT(root != NULL);
	KT_ASSERT(vfs_mkdir(root, root, "/gone", 0755) == 0);
	KT_ASSERT(vfs_lookup(root, root, "/gone", &cwd) == 0);
	KT_ASSERT(vfs_open(root, root, "/gone", O_RDONLY | O_DIRECTORY, 0, &dirf) == 0);
	KT_EXPECT_EQ(vfs_rmdir(root, root, "/gone"), 0);
	KT_EXPECT_EQ(cwd->i_nlink, 0);
	KT_EXPECT_EQ(vfs_getdents64(dirf, buf, sizeof(buf)), -ENOENT);
	KT_EXPECT_EQ(kt_open_close(cwd, "new", O_CREAT | O_WRONLY), -ENOENT);
	KT_EXPECT_EQ(vfs_mkdir(root, cwd, "new", 0755), -ENOENT);
	KT_EXPECT_EQ(lookup_err(root, cwd, "."), 0);
	KT_EXPECT_EQ(lookup_err(root, cwd, ".."), -ENOENT);
	KT_EXPECT_EQ(lookup_err(root, cwd, "/"), 0);            /* absolute paths still work */
	fput(dirf);
	iput(cwd);                      /* the last user: freed (leak-checked) */
	ramfs_kill(root);
}

/* Walk the records of a getdents64 buffer. */
#define for_each_dirent(d, buf, len)                                           \
	for (struct linux_dirent64 *d = (void *)(buf);                         \
	     (char *)d < (char *)(buf) + (len);                                \
	     d = (void *)((char *)d + d->d_reclen))

static u64 ino_of(struct inode *root, const char *path)
{
	struct stat st;

	return kt_stat(root, path, &st) ? 0 : st.st_ino;
}

KTEST(vfs_getdents64_record_layout)
{
	static const char long_name[] = "a-name-of-twenty-six-bytes";
	struct inode *root = ramfs_create_root();
	char *buf = kmalloc(1024, GFP_KERNEL);
	struct file *dir;
	ssize_t n;
	int count = 0;

	KT_ASSERT(root != NULL && buf != NULL);
	KT_ASSERT(vfs_mkdir(root, root, "/d", 0755) == 0);
	KT_ASSERT(kt_write_file(root, "/d/f", "x", 1) == 0);
	KT_ASSERT(vfs_mkdir(root, root, "/d/sub", 0755) == 0);
	KT_ASSERT(vfs_mknod(root, root, "/d/null", S_IFCHR | 0666, MKDEV(1, 3)) == 0);
	KT_ASSERT(kt_write_file(root, "/d/a-name-of-twenty-six-bytes", "", 0) == 0);
	KT_ASSERT(vfs_open(root, root, "/d", O_RDONLY | O_DIRECTORY, 0, &dir) == 0);

	memset(buf, 0x5a, 1024);
	n = vfs_getdents64(dir, buf, 1024);
	KT_ASSERT(n > 0);
	static const struct {
		const char *name, *path;
		unsigned int type;
	} want[] = {
		{ ".", "/d", DT_DIR }, { "..", "/", DT_DIR }, { "f", "/d/f", DT_REG },
		{ "sub", "/d/sub", DT_DIR }, { "null", "/d/null", DT_CHR },
		{ long_name, "/d/a-name-of-twenty-six-bytes", DT_REG },
	};
	s64 prev_off = 0;
	for_each_dirent(d, buf, n) {
		size_t namelen = strlen(d->d_name);

		KT_ASSERT(count < (int)ARRAY_SIZE(want));
		KT_EXPECT(strcmp(d->d_name, want[count].name) == 0);
		KT_EXPECT_EQ(d->d_type, want[count].type);
		KT_EXPECT_EQ(d->d_ino, ino_of(root, want[count].path));
		KT_EXPECT_EQ(d->d_reclen, ALIGN_UP(19 + namelen + 1, 8));
		KT_EXPECT_EQ(d->d_reclen % 8, 0);
		KT_EXPECT(d->d_off > prev_off);                 /* positions ascend */
		for (size_t i = 19 + namelen; i < d->d_reclen; i++)
			KT_EXPECT_EQ(((u8 *)d)[i], 0);          /* padding zeroed */
		prev_off = d->d_off;
		count++;
	}
	KT_EXPECT_EQ(count, ARRAY_SIZE(want));
	KT_EXPECT_EQ(n, 24 + 24 + 24 + 24 + 24 + 48);
	KT_EXPECT_EQ(dir->f_pos, prev_off);
	KT_EXPECT_EQ(vfs_getdents64(dir, buf, 1024), 0);       /* the end */

	/* Raw bytes, for the ABI: d_ino at 0, d_off at 8, d_reclen at 16, d_type at 18. */
	KT_EXPECT_EQ(vfs_llseek(dir, 0, SEEK_SET), 0);
	KT_ASSERT(vfs_getdents64(dir, buf, 24) == 24);         /* exactly "." */
	KT_EXPECT_EQ(*(u64 *)buf, ino_of(root, "/d"));
	KT_EXPECT_EQ(*(s64 *)(buf + 8), 1);
	KT_EXPECT_EQ(*(u16 *)(buf + 16), 24);
	KT_EXPECT_EQ(buf[18], DT_DIR);
	KT_EXPECT(memcmp(buf + 19, ".\0\0\0\0", 5) == 0);

	/* A file is not a directory. */
	struct file *f;
	KT_ASSERT(vfs_open(root, root, "/d/f", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(vfs_getdents64(f, buf, 1024), -ENOTDIR);
	fput(f);
	fput(dir);
	kfree(buf);
	ramfs_kill(root);
}

/* Read the whole directory with a buffer of len bytes; names joined by ' '. */
static ssize_t read_names(struct file *dir, size_t len, char *names, size_t size)
{
	char buf[64];
	ssize_t n, total = 0;

	names[0] = '\0';
	while ((n = vfs_getdents64(dir, buf, len)) > 0) {
		for_each_dirent(d, buf, n) {
			strlcat(names, d->d_name, size);
			strlcat(names, " ", size);
		}
		total += n;
	}
	return n < 0 ? n : total;
}

KTEST(vfs_getdents64_small_buffers_and_resume)
{
	struct inode *root = ramfs_create_root();
	struct file *dir;
	char names[128], buf[64];
	ssize_t n;

	KT_ASSERT(root != NULL);
	KT_ASSERT(kt_write_file(root, "/one", "", 0) == 0);
	KT_ASSERT(kt_write_file(root, "/two", "", 0) == 0);
	KT_ASSERT(kt_write_file(root, "/ten", "", 0) == 0);
	KT_ASSERT(vfs_open(root, root, "/", O_RDONLY, 0, &dir) == 0);

	KT_EXPECT_EQ(vfs_getdents64(dir, buf, 0), -EINVAL);
	KT_EXPECT_EQ(vfs_getdents64(dir, buf, 23), -EINVAL);   /* "." needs 24 */
	KT_EXPECT_EQ(dir->f_pos, 0);
	/* One record per call (each name here takes 24 bytes); all in order. */
	KT_EXPECT_EQ(read_names(dir, 24, names, sizeof(names)), 5 * 24);
	KT_EXPECT(strcmp(names, ". .. one two ten ") == 0);
	/* Two per call. */
	KT_EXPECT_EQ(vfs_llseek(dir, 0, SEEK_SET), 0);
	KT_EXPECT_EQ(read_names(dir, 48, names, sizeof(names)), 5 * 24);
	KT_EXPECT(strcmp(names, ". .. one two ten ") == 0);

	/* Resume after "one"; removing and adding entries in between skips nothing. */
	KT_EXPECT_EQ(vfs_llseek(dir, 0, SEEK_SET), 0);
	n = vfs_getdents64(dir, buf, 3 * 24);
	KT_ASSERT(n == 3 * 24);
	KT_EXPECT_EQ(vfs_unlink(root, root, "/one"), 0);
	KT_EXPECT_EQ(vfs_unlink(root, root, "/ten"), 0);
	KT_ASSERT(kt_write_file(root, "/four", "", 0) == 0);
	KT_EXPECT_EQ(read_names(dir, sizeof(buf), names, sizeof(names)), 2 * 24);
	KT_EXPECT(strcmp(names, "two four ") == 0);
	/* lseek to a record's d_off resumes right after that record. */
	KT_EXPECT_EQ(vfs_llseek(dir, 0, SEEK_SET), 0);
	KT_ASSERT(vfs_getdents64(dir, buf, 24) == 24);
	s64 after_dot = ((struct linux_dirent64 *)buf)->d_off;
	KT_EXPECT_EQ(read_names(dir, sizeof(buf), names, sizeof(names)), 3 * 24);
	KT_EXPECT_EQ(vfs_llseek(dir, after_dot, SEEK_SET), after_dot);
	KT_EXPECT_EQ(read_names(dir, sizeof(buf), names, sizeof(names)), 3 * 24);
	KT_EXPECT(strcmp(names, ".. two four ") == 0);
	fput(dir);
	ramfs_kill(root);
}

KTEST(vfs_stat_layout_and_fields)
{
	struct inode *root = ramfs_create_root();
	struct stat st, st2;
	u8 *raw = (u8 *)&st;
	struct inode *inode;

	KT_ASSERT(root != NULL);
	KT_ASSERT(kt_write_file(root, "/f", "12345", 5) == 0);
	KT_ASSERT(vfs_mknod(root, root, "/c", S_IFCHR | 0620, MKDEV(4, 300)) == 0);

	KT_EXPECT_EQ(sizeof(struct stat), 144);
	memset(&st, 0xee, sizeof(st));
	KT_ASSERT(vfs_lookup(root, root, "/f", &inode) == 0);
	KT_ASSERT(vfs_stat(inode, &st) == 0);
	/* The fields at Linux x86_64's offsets, read as raw bytes. */
	KT_EXPECT_EQ(*(u64 *)(raw + 0), new_encode_dev(inode->i_sb->s_dev));    /* st_dev */
	KT_EXPECT_EQ(*(u64 *)(raw + 8), inode->i_ino);         /* st_ino */
	KT_EXPECT_EQ(*(u64 *)(raw + 16), 1);                   /* st_nlink */
	KT_EXPECT_EQ(*(u32 *)(raw + 24), S_IFREG | 0644);      /* st_mode */
	KT_EXPECT_EQ(*(u32 *)(raw + 28), 0);                   /* st_uid */
	KT_EXPECT_EQ(*(u32 *)(raw + 32), 0);                   /* st_gid */
	KT_EXPECT_EQ(*(u32 *)(raw + 36), 0);                   /* padding zeroed */
	KT_EXPECT_EQ(*(u64 *)(raw + 40), 0);                   /* st_rdev */
	KT_EXPECT_EQ(*(s64 *)(raw + 48), 5);                   /* st_size */
	KT_EXPECT_EQ(*(s64 *)(raw + 56), 4096);                /* st_blksize */
	KT_EXPECT_EQ(*(s64 *)(raw + 64), 8);                   /* st_blocks */
	KT_EXPECT_EQ(*(s64 *)(raw + 72), inode->i_atime / NSEC_PER_SEC);
	KT_EXPECT_EQ(*(s64 *)(raw + 80), inode->i_atime % NSEC_PER_SEC);
	KT_EXPECT_EQ(*(s64 *)(raw + 88), inode->i_mtime / NSEC_PER_SEC);
	KT_EXPECT_EQ(*(s64 *)(raw + 96), inode->i_mtime % NSEC_PER_SEC);
	KT_EXPECT_EQ(*(s64 *)(raw + 104), inode->i_ctime / NSEC_PER_SEC);
	KT_EXPECT_EQ(*(s64 *)(raw + 112), inode->i_ctime % NSEC_PER_SEC);
	for (int i = 120; i < 144; i++)
		KT_EXPECT_EQ(raw[i], 0);                        /* reserved */
	iput(inode);
	KT_EXPECT(st.st_mtim.tv_sec > 1500000000);

	/* Same file system: same st_dev, other inode number. */
	KT_ASSERT(kt_stat(root, "/c", &st2) == 0);
	KT_EXPECT_EQ(st2.st_dev, st.st_dev);
	KT_EXPECT_NE(st2.st_ino, st.st_ino);
	KT_EXPECT_EQ(st2.st_mode, S_IFCHR | 0620);
	/* st_rdev in user space's encoding: major 4, minor 300 = 0x12c. */
	KT_EXPECT_EQ(st2.st_rdev, 0x2c | (4 << 8) | (0x100 << 12));
	KT_EXPECT_EQ(st2.st_size, 0);
	KT_ASSERT(kt_stat(root, "/", &st2) == 0);
	KT_EXPECT_EQ(st2.st_ino, 1);                            /* the root is inode 1 */
	KT_EXPECT_EQ(st2.st_mode, S_IFDIR | 0755);

	/* Another ramfs has another st_dev. */
	struct inode *root2 = ramfs_create_root();
	KT_ASSERT(root2 != NULL);
	KT_ASSERT(kt_stat(root2, "/", &st2) == 0);
	KT_EXPECT_NE(st2.st_dev, st.st_dev);
	ramfs_kill(root2);
	ramfs_kill(root);
}

static int releases;

static void count_release(struct inode *inode, struct file *file)
{
	(void)inode;
	(void)file;
	releases++;
}

static const struct file_operations counting_fops = { .release = count_release };

KTEST(vfs_file_refcount_release_once)
{
	struct inode *root = ramfs_create_root();
	struct inode *inode;
	struct file *f;

	KT_ASSERT(root != NULL);
	KT_ASSERT(kt_write_file(root, "/f", "x", 1) == 0);
	KT_ASSERT(vfs_lookup(root, root, "/f", &inode) == 0);
	unsigned int count = inode->i_count;
	f = alloc_file(inode, O_RDONLY);
	KT_ASSERT(f != NULL);
	KT_EXPECT_EQ(inode->i_count, count + 1);       /* the file holds the inode */
	f->f_op = &counting_fops;
	releases = 0;
	KT_EXPECT(get_file(f) == f);
	KT_EXPECT_EQ(f->f_count, 2);
	fput(f);                        /* a dup closed */
	KT_EXPECT_EQ(releases, 0);
	fput(f);                        /* the last close */
	KT_EXPECT_EQ(releases, 1);
	KT_EXPECT_EQ(inode->i_count, count);
	iput(inode);
	ramfs_kill(root);
}
