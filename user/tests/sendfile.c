/*
 * sendfile.c - sendfile(2) from a file to a pipe and to a file, with and
 * without an offset pointer (which moves instead of the file position),
 * past the end, and its EBADF/EINVAL/ESPIPE/EFAULT matrix. Linux's
 * answers.
 */
#include "utest.h"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static char path[64], path2[64];

static int make_source(void)
{
	char data[10000];
	int fd;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('a' + i % 26);
	snprintf(path, sizeof(path), "/tmp/sendfile.%d", (int)getpid());
	snprintf(path2, sizeof(path2), "/tmp/sendfile.%d.out", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (!CHECK_SYS(fd))
		return -1;
	CHECK_EQ(write(fd, data, sizeof(data)), (long)sizeof(data));
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

static void file_to_pipe_and_file(void)
{
	int in = make_source(), p[2], out;
	char buf[10000];
	off_t off;

	if (in < 0 || !CHECK_SYS(pipe(p)))
		return;
	/* To a pipe, from the file position. */
	if (!CHECK_EQ(sendfile(p[1], in, NULL, 100), 100))
		return;                                 /* the reads below would wait */
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 100);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 100);
	CHECK(buf[0] == 'a' && buf[99] == 'a' + 99 % 26);
	/* With an offset: it moves, the file position does not. */
	off = 26;
	if (!CHECK_EQ(sendfile(p[1], in, &off, 10), 10))
		return;
	CHECK_EQ(off, 36);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 100);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 10);
	CHECK(buf[0] == 'a' && buf[9] == 'j');
	/* To a file, past the end of the input: only what is there. */
	CHECK_SYS(out = open(path2, O_RDWR | O_CREAT | O_TRUNC, 0644));
	off = 9990;
	CHECK_EQ(sendfile(out, in, &off, 1000), 10);
	CHECK_EQ(off, 10000);
	CHECK_EQ(sendfile(out, in, &off, 1000), 0);     /* at the end */
	CHECK_EQ(lseek(out, 0, SEEK_CUR), 10);
	/* A large copy, in pieces bigger than the kernel's buffer. */
	off = 0;
	CHECK_EQ(sendfile(out, in, &off, 20000), 10000);
	CHECK_EQ(pread(out, buf, sizeof(buf), 10), 10000);
	CHECK(buf[0] == 'a' && buf[9999] == 'a' + 9999 % 26);
	CHECK_EQ(sendfile(out, in, NULL, 0), 0);
	close(out);
	close(in);
	close(p[0]);
	close(p[1]);
	unlink(path);
	unlink(path2);
}

static void sendfile_errno_matrix(void)
{
	int in = make_source(), p[2], wo, out;
	off_t off;

	if (in < 0 || !CHECK_SYS(pipe(p)))
		return;
	CHECK_SYS(wo = open(path, O_WRONLY));
	CHECK_SYS(out = open(path2, O_WRONLY | O_CREAT | O_APPEND, 0644));
	CHECK_ERR(sendfile(p[1], -1, NULL, 10), EBADF);
	CHECK_ERR(sendfile(-1, in, NULL, 10), EBADF);
	CHECK_ERR(sendfile(p[1], wo, NULL, 10), EBADF);        /* in not readable */
	int ro = open(path, O_RDONLY);
	CHECK_ERR(sendfile(ro, in, NULL, 10), EBADF);          /* out not writable */
	close(ro);
	CHECK_ERR(sendfile(out, in, NULL, 10), EINVAL);         /* out O_APPEND */
	CHECK_ERR(sendfile(p[1], p[0], &off, 10), ESPIPE);      /* offset on a pipe */
	off = -1;
	CHECK_ERR(sendfile(p[1], in, &off, 10), EINVAL);
	CHECK_ERR(syscall(SYS_sendfile, p[1], in, (void *)1, 10), EFAULT);
	CHECK_ERR(syscall(SYS_sendfile, p[1], in, (void *)-4096L, 10), EFAULT);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 0);            /* nothing moved */
	close(out);
	close(wo);
	close(in);
	close(p[0]);
	close(p[1]);
	unlink(path);
	unlink(path2);
}

/* copy_file_range: file to file, offsets, and its errno matrix. */
static void copy_file_range_files(void)
{
	int in = make_source(), out, p[2];
	char buf[100];
	off_t oi, oo;

	if (in < 0 || !CHECK_SYS(pipe(p)))
		return;
	CHECK_SYS(out = open(path2, O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK_EQ(copy_file_range(in, NULL, out, NULL, 30, 0), 30);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 30);
	CHECK_EQ(lseek(out, 0, SEEK_CUR), 30);
	oi = 26;
	oo = 100;
	CHECK_EQ(copy_file_range(in, &oi, out, &oo, 5, 0), 5);
	CHECK_EQ(oi, 31);
	CHECK_EQ(oo, 105);
	CHECK_EQ(lseek(in, 0, SEEK_CUR), 30);           /* unmoved */
	CHECK_EQ(pread(out, buf, 5, 100), 5);
	CHECK(memcmp(buf, "abcde", 5) == 0);
	oi = 9998;
	CHECK_EQ(copy_file_range(in, &oi, out, NULL, 50, 0), 2);    /* to the end */
	CHECK_EQ(copy_file_range(in, &oi, out, NULL, 50, 0), 0);
	CHECK_ERR(copy_file_range(in, NULL, out, NULL, 5, 1), EINVAL);
	CHECK_ERR(copy_file_range(-1, NULL, out, NULL, 5, 0), EBADF);
	CHECK_ERR(copy_file_range(in, NULL, -1, NULL, 5, 0), EBADF);
	CHECK_ERR(copy_file_range(p[0], NULL, out, NULL, 5, 0), EINVAL);     /* a pipe */
	int dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK_ERR(copy_file_range(dfd, NULL, out, NULL, 5, 0), EISDIR);
	close(dfd);
	int ro = open(path2, O_RDONLY);
	CHECK_ERR(copy_file_range(in, NULL, ro, NULL, 5, 0), EBADF);
	close(ro);
	oi = 0;
	oo = 10;
	CHECK_ERR(copy_file_range(in, &oi, in, &oo, 20, 0), EINVAL);         /* overlap */
	CHECK_ERR(syscall(SYS_copy_file_range, in, (void *)1, out, NULL, 5, 0), EFAULT);
	CHECK_ERR(syscall(SYS_copy_file_range, in, NULL, out, (void *)1, 5, 0), EFAULT);
	close(out);
	close(in);
	close(p[0]);
	close(p[1]);
	unlink(path);
	unlink(path2);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(file_to_pipe_and_file);
	RUN(sendfile_errno_matrix);
	RUN(copy_file_range_files);
	return ut_done();
}
