/*
 * fsync_fadvise.c - fsync(2) and fdatasync(2): success on files and directories
 * of a file system that has them (tmpfs, and every disk file system on
 * the host), EINVAL where the file has no fsync method (a pipe, /dev/null,
 * a /proc file), EBADF for a descriptor that is not open. keyhole had
 * neither call (ENOSYS), which Debian's tools (sort -o, cp, dd conv=fsync)
 * report as an error. posix_fadvise (fadvise64, which sort calls) too.
 */
#include "utest.h"

#include <fcntl.h>
#include <unistd.h>

static int (*const calls[2])(int) = { fsync, fdatasync };
static const char *const names[2] = { "fsync", "fdatasync" };

static void on_files_and_directories(void)
{
	const char *paths[] = { "/tmp", "/dev/shm", "/" };
	char file[64];
	int fd;

	snprintf(file, sizeof(file), "/dev/shm/fsync.%d", (int)getpid());
	fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (!CHECK_SYS(fd))
		return;
	CHECK_EQ(write(fd, "data", 4), 4);
	for (int c = 0; c < 2; c++) {
		CHECKF(calls[c](fd) == 0, "%s on a tmpfs file: %s", names[c], strerror(errno));
		for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			int dfd = open(paths[i], O_RDONLY | O_DIRECTORY);

			if (!CHECK_SYS(dfd))
				continue;
			CHECKF(calls[c](dfd) == 0, "%s on %s: %s", names[c], paths[i], strerror(errno));
			close(dfd);
		}
	}
	close(fd);
	unlink(file);
}

static void einval_without_a_method(void)
{
	int p[2], fds[4];

	if (!CHECK_SYS(pipe(p)))
		return;
	fds[0] = p[0];
	fds[1] = p[1];
	fds[2] = open("/dev/null", O_RDWR);
	fds[3] = open("/proc/self/stat", O_RDONLY);
	for (int c = 0; c < 2; c++)
		for (int i = 0; i < 4; i++)
			if (CHECK_SYS(fds[i]))
				CHECK_ERR(calls[c](fds[i]), EINVAL);
	for (int i = 0; i < 4; i++)
		close(fds[i]);
}

static void ebadf(void)
{
	int fd = open("/dev/null", O_RDONLY);

	if (!CHECK_SYS(fd))
		return;
	close(fd);
	for (int c = 0; c < 2; c++) {
		CHECK_ERR(calls[c](fd), EBADF);         /* closed */
		CHECK_ERR(calls[c](-1), EBADF);
		CHECK_ERR(calls[c](1 << 20), EBADF);
	}
}

/* posix_fadvise returns the error number rather than setting errno. */
static void fadvise_answers(void)
{
	int p[2], fd = open("/dev/shm", O_RDONLY | O_DIRECTORY);
	char file[64];

	snprintf(file, sizeof(file), "/dev/shm/fadvise.%d", (int)getpid());
	int f = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (!CHECK_SYS(f) || !CHECK_SYS(fd) || !CHECK_SYS(pipe(p)))
		return;
	for (int advice = 0; advice <= 5; advice++)
		CHECK_EQ(posix_fadvise(f, 0, 4096, advice), 0);
	CHECK_EQ(posix_fadvise(f, 1 << 20, 0, POSIX_FADV_WILLNEED), 0);   /* past the end */
	CHECK_EQ(posix_fadvise(fd, 0, 0, POSIX_FADV_NORMAL), 0);           /* a directory */
	CHECK_EQ(posix_fadvise(f, 0, -1, POSIX_FADV_NORMAL), EINVAL);
	CHECK_EQ(posix_fadvise(f, 0, 0, 6), EINVAL);
	CHECK_EQ(posix_fadvise(f, 0, 0, -1), EINVAL);
	CHECK_EQ(posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL), ESPIPE);
	CHECK_EQ(posix_fadvise(p[1], 0, 0, 6), ESPIPE);                    /* before the advice */
	close(p[0]);
	CHECK_EQ(posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL), EBADF);
	close(p[1]);
	close(fd);
	close(f);
	unlink(file);
}

int main(int argc, char **argv)
{
	ut_init(argc, argv);
	RUN(on_files_and_directories);
	RUN(einval_without_a_method);
	RUN(ebadf);
	RUN(fadvise_answers);
	return ut_done();
}
