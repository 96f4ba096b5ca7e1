/*
 * rss.h - counting an address space's resident pages (mm/rss.c).
 */
#ifndef MM_RSS_H
#define MM_RSS_H

struct mm_struct;
struct task_struct;

unsigned long mm_rss(struct mm_struct *mm, unsigned long *shared);
unsigned long get_mm_rss(struct mm_struct *mm);
void update_hiwater_rss(struct task_struct *p, struct mm_struct *mm);
void mmput_hiwater(struct task_struct *p, struct mm_struct *mm);

#endif /* MM_RSS_H */
