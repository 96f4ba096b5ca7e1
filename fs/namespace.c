/*
 * namespace.c - the mount table. (Mounts come in the next step; for now
 * the walk's hooks answer as for a single file system.)
 */
#include "fs/mount.h"

/*
 * follow_down - the inode a walk lands on when it reaches inode: the root
 * of what is mounted there, if anything, else inode itself.
 *
 * Context: may sleep. Takes over the caller's reference to inode.
 * Return: a referenced inode.
 */
struct inode *follow_down(struct inode *inode)
{
	return inode;
}

/*
 * follow_up - the directory whose ".." a walk standing on dir asks for:
 * dir itself, or, if dir is the root of a mounted file system (and not
 * the walk's root), the directory it covers (and so on up).
 *
 * Context: may sleep.
 * Return: a new reference.
 */
struct inode *follow_up(struct inode *dir, struct inode *root)
{
	(void)root;
	return iget(dir);
}

/*
 * is_mountpoint - whether something is mounted on inode (then it cannot
 * be removed or renamed: -EBUSY).
 *
 * Context: any.
 */
bool is_mountpoint(struct inode *inode)
{
	(void)inode;
	return false;
}

/*
 * inode_mnt_id - the id of the mount inode is seen through (statx's
 * stx_mnt_id, mountinfo's first field).
 *
 * Context: any.
 */
int inode_mnt_id(struct inode *inode)
{
	(void)inode;
	return 1;
}
