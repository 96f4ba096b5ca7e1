/*
 * internal.h - what mm/mmap.c lends the other files of mm/ that change
 * address spaces (mremap.c, mincore.c, msync.c, filemap.c), as Linux's
 * mm/internal.h. Each function's contract is at its definition.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include "mm/mm.h"

int zap_range(struct mm_struct *mm, unsigned long start, unsigned long end, bool interruptible);
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig, struct mm_struct *mm);
int vma_insert(struct vm_area_struct *vma);
void free_vma(struct vm_area_struct *vma);
void vma_gap_update(struct vm_area_struct *vma);
unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long start, unsigned long end);
bool hint_is_free(struct mm_struct *mm, unsigned long addr, unsigned long len);

#endif /* MM_INTERNAL_H */
