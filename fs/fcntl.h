/*
 * fcntl.h - open(2) flags, lseek(2) origins, the *at(2) and fcntl(2)
 * constants, with the values of Linux on x86_64 (include/uapi/asm-generic/
 * fcntl.h), which musl's <fcntl.h> uses too. They are octal, as Linux
 * writes them.
 */
#ifndef FS_FCNTL_H
#define FS_FCNTL_H

#define O_ACCMODE       00000003
#define O_RDONLY        00000000
#define O_WRONLY        00000001
#define O_RDWR          00000002
#define O_CREAT         00000100
#define O_EXCL          00000200
#define O_NOCTTY        00000400
#define O_TRUNC         00001000
#define O_APPEND        00002000
#define O_NONBLOCK      00004000
#define O_DSYNC         00010000
#define FASYNC          00020000
#define O_DIRECT        00040000
#define O_LARGEFILE     00100000
#define O_DIRECTORY     00200000
#define O_NOFOLLOW      00400000
#define O_NOATIME       01000000
#define O_CLOEXEC       02000000
#define __O_SYNC        04000000
#define O_SYNC          (__O_SYNC | O_DSYNC)
#define O_PATH          010000000
#define __O_TMPFILE     020000000

/* lseek(2) whence */
#define SEEK_SET        0
#define SEEK_CUR        1
#define SEEK_END        2
#define SEEK_DATA       3               /* not supported: -EINVAL */
#define SEEK_HOLE       4               /* not supported: -EINVAL */

/* The *at(2) calls */
#define AT_FDCWD                -100    /* dirfd meaning "the current directory" */
#define AT_SYMLINK_NOFOLLOW     0x100
#define AT_REMOVEDIR            0x200   /* unlinkat(2): act as rmdir(2) */
#define AT_SYMLINK_FOLLOW       0x400   /* linkat(2): follow a link as oldpath */
#define AT_EMPTY_PATH           0x1000

/* renameat2(2) flags */
#define RENAME_NOREPLACE        (1 << 0)
#define RENAME_EXCHANGE         (1 << 1)
#define RENAME_WHITEOUT         (1 << 2)

/* fcntl(2) commands and the descriptor flag */
#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_GETLK         5
#define F_SETLK         6
#define F_SETLKW        7
#define F_OFD_GETLK     36
#define F_OFD_SETLK     37
#define F_OFD_SETLKW    38
#define F_DUPFD_CLOEXEC 1030

/* struct flock's l_type */
#define F_RDLCK         0
#define F_WRLCK         1
#define F_UNLCK         2
#define FD_CLOEXEC      1

#endif /* FS_FCNTL_H */
