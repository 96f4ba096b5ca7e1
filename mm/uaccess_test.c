/*
 * uaccess_test.c - copying to and from user memory: demand faults, and
 * -EFAULT (never an oops) for NULL, unmapped and kernel addresses.
 *
 * The test gives the ktest thread a small address space of its own for
 * the duration, as exec would, and takes it away again.
 */
#include "arch/x86_64/cpu.h"
#include "kernel/ktest.h"
#include "kernel/sched.h"
#include "lib/string.h"
#include "mm/ktest_mm.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/uaccess.h"

#define UBASE 0x400000UL

static struct mm_struct *enter_test_mm(void)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	mutex_lock(&mm->mmap_lock);
	insert_vm_area(mm, UBASE, UBASE + 4 * PAGE_SIZE, VM_READ | VM_WRITE);
	insert_vm_area(mm, UBASE + 8 * PAGE_SIZE, UBASE + 9 * PAGE_SIZE, VM_READ);
	mutex_unlock(&mm->mmap_lock);
	ktest_use_mm(mm);
	return mm;
}

KTEST(uaccess_copies_and_faults_in)
{
	struct mm_struct *mm = enter_test_mm();
	char buf[64];

	KT_ASSERT(mm != NULL);
	/* Nothing is mapped until touched; then the page is there. */
	KT_EXPECT(lookup_address(mm->pgd, UBASE + PAGE_SIZE, NULL) == NULL);
	KT_EXPECT_EQ(copy_to_user((void *)(UBASE + PAGE_SIZE - 5), "across pages", 13), 0);
	KT_EXPECT(lookup_address(mm->pgd, UBASE + PAGE_SIZE, NULL) != NULL);
	KT_EXPECT_EQ(copy_from_user(buf, (void *)(UBASE + PAGE_SIZE - 5), 13), 0);
	KT_EXPECT(strcmp(buf, "across pages") == 0);
	KT_EXPECT_EQ(strncpy_from_user(buf, (void *)(UBASE + PAGE_SIZE - 5), sizeof(buf)), 12);
	KT_EXPECT_EQ(strncpy_from_user(buf, (void *)(UBASE + PAGE_SIZE - 5), 6), 6);
	/* Fresh pages read as zeroes. */
	u64 v = 1;
	KT_EXPECT_EQ(get_user(v, (u64 *)(UBASE + 3 * PAGE_SIZE)), 0);
	KT_EXPECT_EQ(v, 0);
	ktest_drop_mm(mm);
}

KTEST(uaccess_bad_pointers_are_efault)
{
	struct mm_struct *mm = enter_test_mm();
	char buf[16] = "xxxxxxxxxxxxxxx";
	u64 v = 0;

	KT_ASSERT(mm != NULL);
	/* NULL, a hole between VMAs, a kernel address, a wrapping range. */
	KT_EXPECT_EQ(copy_from_user(buf, NULL, 8), 8);
	KT_EXPECT_EQ(copy_to_user((void *)(UBASE + 5 * PAGE_SIZE), buf, 8), 8);
	KT_EXPECT_EQ(copy_from_user(buf, (void *)KERNEL_VMA, 8), 8);
	KT_EXPECT_EQ(copy_to_user((void *)init_pgd, buf, 8), 8);
	KT_EXPECT_EQ(copy_from_user(buf, (void *)(TASK_SIZE - 4), 8), 8);
	KT_EXPECT_EQ(get_user(v, (u64 *)0x10), -EFAULT);
	KT_EXPECT_EQ(put_user(v, (u64 *)0xffff888000000000UL), -EFAULT);
	KT_EXPECT_EQ(strncpy_from_user(buf, NULL, 8), -EFAULT);
	KT_EXPECT_EQ(strncpy_from_user(buf, (void *)KERNEL_VMA, 8), -EFAULT);
	/* A read-only VMA: reading works, writing is -EFAULT. */
	KT_EXPECT_EQ(get_user(v, (u64 *)(UBASE + 8 * PAGE_SIZE)), 0);
	KT_EXPECT_EQ(put_user(v, (u64 *)(UBASE + 8 * PAGE_SIZE)), -EFAULT);
	/* A copy that runs off the end of a VMA stops there, and says so. */
	KT_EXPECT_EQ(copy_to_user((void *)(UBASE + 4 * PAGE_SIZE - 6), "0123456789", 10), 4);
	/* Several quadwords, then one that straddles the end: exact to the byte. */
	char big[100];
	for (int i = 0; i < 100; i++)
		big[i] = (char)i;
	KT_EXPECT_EQ(copy_to_user((void *)(UBASE + 4 * PAGE_SIZE - 45), big, 100), 55);
	memset(big, 0, sizeof(big));
	KT_EXPECT_EQ(copy_from_user(big, (void *)(UBASE + 4 * PAGE_SIZE - 45), 100), 55);
	KT_EXPECT(big[0] == 0 && big[44] == 44 && big[45] == 0);
	/* A string that runs into a hole is -EFAULT. */
	KT_EXPECT_EQ(copy_to_user((void *)(UBASE + 4 * PAGE_SIZE - 3), "abc", 3), 0);
	KT_EXPECT_EQ(strncpy_from_user(buf, (void *)(UBASE + 4 * PAGE_SIZE - 3), 16), -EFAULT);
	ktest_drop_mm(mm);
}

KTEST(mm_munmap_splits_and_frees)
{
	struct mm_struct *mm = enter_test_mm();

	KT_ASSERT(mm != NULL);
	for (int i = 0; i < 4; i++)
		KT_EXPECT_EQ(put_user((u64)i, (u64 *)(UBASE + (unsigned long)i * PAGE_SIZE)), 0);
	mutex_lock(&mm->mmap_lock);
	KT_EXPECT_EQ(do_munmap(mm, UBASE + PAGE_SIZE, PAGE_SIZE), 0);   /* a hole */
	KT_EXPECT_EQ(mm->map_count, 3);
	struct vm_area_struct *vma = find_vma(mm, UBASE);
	KT_EXPECT(vma && vma->vm_start == UBASE && vma->vm_end == UBASE + PAGE_SIZE);
	vma = find_vma(mm, UBASE + PAGE_SIZE);
	KT_EXPECT(vma && vma->vm_start == UBASE + 2 * PAGE_SIZE);
	KT_EXPECT_EQ(do_munmap(mm, UBASE + 1, PAGE_SIZE), -EINVAL);
	mutex_unlock(&mm->mmap_lock);
	u64 v;
	KT_EXPECT_EQ(get_user(v, (u64 *)(UBASE + PAGE_SIZE)), -EFAULT);
	KT_EXPECT_EQ(get_user(v, (u64 *)(UBASE + 2 * PAGE_SIZE)), 0);
	KT_EXPECT_EQ(v, 2);
	ktest_drop_mm(mm);
}
