/*
 * internal.h - what the files of fs/ that implement system calls share:
 * user paths copied in (open.c).
 */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include "fs/vfs.h"

/* A user path, copied in, with the directories to resolve it from. */
struct upath {
	char *name;                     /* kernel copy of the path */
	struct inode *root, *dir;       /* dir holds a reference */
};

long path_begin(int dirfd, const char *user_path, struct upath *p);
void path_end(struct upath *p);
long user_path_at(int dirfd, const char *user_path, unsigned int lookup_flags,
		  struct inode **inode);

#endif /* FS_INTERNAL_H */
