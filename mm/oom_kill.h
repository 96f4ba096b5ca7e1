/*
 * oom_kill.h - the out-of-memory killer (mm/oom_kill.c).
 */
#ifndef MM_OOM_KILL_H
#define MM_OOM_KILL_H

#include "lib/types.h"

bool out_of_memory(void);

#endif /* MM_OOM_KILL_H */
