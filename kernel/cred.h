/*
 * cred.h - who the current task is to a permission check.
 *
 * Linux keeps credentials in a struct cred with capability sets; keyhole
 * keeps the ids in task_struct (uid, euid, suid, fsuid, the same for
 * groups, and the supplementary groups) and reduces capabilities to one
 * rule: an effective user id of 0 holds them all. As in Linux, the
 * file-system capabilities (CAP_CHOWN, CAP_DAC_OVERRIDE,
 * CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_FSETID) follow the file-system
 * user id instead, because Linux drops them when fsuid leaves 0; access(2)
 * relies on that when it checks with the real ids.
 *
 * The table of which call checks what is in README.md ("Privilege checks").
 */
#ifndef KERNEL_CRED_H
#define KERNEL_CRED_H

#include "kernel/sched.h"

#define CAP_CHOWN               0
#define CAP_DAC_OVERRIDE        1
#define CAP_DAC_READ_SEARCH     2
#define CAP_FOWNER              3
#define CAP_FSETID              4
#define CAP_KILL                5
#define CAP_SETGID              6
#define CAP_SETUID              7
#define CAP_SYS_ADMIN           21
#define CAP_SYS_BOOT            22
#define CAP_MKNOD               27
#define CAP_SYS_RESOURCE        24
#define CAP_SYSLOG              34

#define CAP_FS_MASK ((1u << CAP_CHOWN) | (1u << CAP_DAC_OVERRIDE) | \
		     (1u << CAP_DAC_READ_SEARCH) | (1u << CAP_FOWNER) | (1u << CAP_FSETID))

/* capable - whether the current task holds capability cap (see above). */
static inline bool capable(int cap)
{
	if (CAP_FS_MASK & (1u << cap))
		return current->fsuid == 0;
	return current->euid == 0;
}

/* in_group_p - whether the current task is in group gid: its fsgid or a
 * supplementary group (Linux's kernel/groups.c). */
static inline bool in_group_p(u32 gid)
{
	if (current->fsgid == gid)
		return true;
	for (int i = 0; i < current->ngroups; i++)
		if (current->groups[i] == gid)
			return true;
	return false;
}

/*
 * What a credential change forgets, as Linux's commit_creds() does when the
 * effective or file-system user or group id changes: the parent-death
 * signal (a process that took another identity must not be signalled by
 * its old parent's death). The set*id calls take a cred_snapshot before
 * they change ids and hand it to creds_changed() after.
 */
struct cred_snapshot {
	u32 euid, egid, fsuid, fsgid;
};

static inline struct cred_snapshot cred_snapshot(const struct task_struct *t)
{
	return (struct cred_snapshot){ t->euid, t->egid, t->fsuid, t->fsgid };
}

/* creds_changed - forget what Linux forgets when ids change (see above).
 * Context: the task itself, after changing its ids. */
static inline void creds_changed(struct task_struct *t, struct cred_snapshot old)
{
	if (old.euid != t->euid || old.egid != t->egid ||
	    old.fsuid != t->fsuid || old.fsgid != t->fsgid)
		t->pdeath_signal = 0;
}

/* is_global_init - whether p is init, the first user process (pid 1). */
static inline bool is_global_init(const struct task_struct *p)
{
	return p->pid == 1 && !(p->flags & PF_KTHREAD);
}

#endif /* KERNEL_CRED_H */
