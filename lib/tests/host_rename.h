/*
 * host_rename.h - give lib/'s functions kh_* names in the host test build.
 *
 * lib/ defines memcpy(), strlen(), vsnprintf() and the rest under their
 * C library names, as the kernel needs. Linked into a host program those
 * definitions would replace the host libc's own, for the whole program:
 * the test framework, the libc and the sanitizers' runtime would all end
 * up running the code under test. So lib/tests/tests.mk compiles lib/'s .c
 * files and the tests with `-include lib/tests/host_rename.h`, and in
 * those files every name below means the kh_ version. The host libc keeps
 * its names, and the reference results come from lib/tests/host_ref.c,
 * which is compiled without this header. -fno-builtin keeps gcc from
 * computing calls like strlen("abc") itself instead of calling kh_strlen.
 *
 * Every global symbol defined by lib/'s .c files must be listed here;
 * tests.mk checks with nm that the host objects define nothing else. A
 * file built with this header must not include a libc header declaring
 * one of these names (<string.h>, <stdio.h>, <stdlib.h>): use host_ref.h.
 */
#ifndef LIB_TESTS_HOST_RENAME_H
#define LIB_TESTS_HOST_RENAME_H

/* lib/string.c */
#define memcpy kh_memcpy
#define memmove kh_memmove
#define memset kh_memset
#define memcmp kh_memcmp
#define memchr kh_memchr
#define strlen kh_strlen
#define strnlen kh_strnlen
#define strcmp kh_strcmp
#define strncmp kh_strncmp
#define strchr kh_strchr
#define strrchr kh_strrchr
#define strstr kh_strstr
#define strcpy kh_strcpy
#define strncpy kh_strncpy
#define strlcpy kh_strlcpy
#define strlcat kh_strlcat
#define strtoul kh_strtoul
#define kstrtoull kh_kstrtoull

/* lib/vsnprintf.c */
#define vsnprintf kh_vsnprintf
#define snprintf kh_snprintf
#define vscnprintf kh_vscnprintf
#define scnprintf kh_scnprintf

/* lib/bitmap.c */
#define bitmap_zero kh_bitmap_zero
#define bitmap_fill kh_bitmap_fill
#define bitmap_set kh_bitmap_set
#define bitmap_clear kh_bitmap_clear
#define bitmap_weight kh_bitmap_weight
#define find_next_bit kh_find_next_bit
#define find_next_zero_bit kh_find_next_zero_bit
#define bitmap_find_next_zero_area kh_bitmap_find_next_zero_area

/* lib/idr.c, and the node allocator it calls, which test_idr.c defines */
#define idr_alloc kh_idr_alloc
#define idr_alloc_cyclic kh_idr_alloc_cyclic
#define idr_find kh_idr_find
#define idr_remove kh_idr_remove
#define idr_replace kh_idr_replace
#define idr_get_next kh_idr_get_next
#define idr_prev_allocated kh_idr_prev_allocated
#define idr_destroy kh_idr_destroy
#define idr_node_alloc kh_idr_node_alloc
#define idr_node_free kh_idr_node_free

/* lib/rbtree.c */
#define rb_insert_color kh_rb_insert_color
#define rb_erase kh_rb_erase
#define rb_insert_augmented kh_rb_insert_augmented
#define rb_erase_augmented kh_rb_erase_augmented
#define rb_first kh_rb_first
#define rb_last kh_rb_last
#define rb_next kh_rb_next
#define rb_prev kh_rb_prev
#define rb_first_postorder kh_rb_first_postorder
#define rb_next_postorder kh_rb_next_postorder

#endif /* LIB_TESTS_HOST_RENAME_H */
