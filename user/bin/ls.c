/*
 * ls - list directory contents.
 *
 *	ls [-l] [-a] [path...]
 *
 * One name per line, sorted. A directory lists its entries (those starting
 * with '.' only with -a); anything else lists itself. -l adds the type and
 * permissions, link count, owner and group ids, size and modification time
 * (UTC). No path means ".". With several paths each directory gets a
 * "path:" heading.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int long_format, show_all;

/* "drwxr-xr-x" for a mode. */
static void mode_string(mode_t mode, char *s)
{
	const char *rwx = "rwxrwxrwx";

	s[0] = S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : S_ISCHR(mode) ? 'c' :
	       S_ISBLK(mode) ? 'b' : S_ISFIFO(mode) ? 'p' : S_ISSOCK(mode) ? 's' : '-';
	for (int i = 0; i < 9; i++)
		s[i + 1] = (mode & (0400 >> i)) ? rwx[i] : '-';
	s[10] = '\0';
}

/* Print one entry: its name, or with -l its details too. */
static void print_entry(const char *path, const char *name)
{
	struct stat st;
	char mode[11], when[32];
	struct tm tm;

	if (!long_format) {
		printf("%s\n", name);
		return;
	}
	if (lstat(path, &st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return;
	}
	mode_string(st.st_mode, mode);
	gmtime_r(&st.st_mtime, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	printf("%s %3lu %4u %4u %8lld %s %s\n", mode, (unsigned long)st.st_nlink,
	       (unsigned)st.st_uid, (unsigned)st.st_gid, (long long)st.st_size, when, name);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* List a directory's entries, sorted. Return: 0, or 1 on an error. */
static int list_dir(const char *dir_path)
{
	DIR *dir = opendir(dir_path);
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0;
	struct dirent *d;

	if (!dir) {
		fprintf(stderr, "ls: %s: %s\n", dir_path, strerror(errno));
		return 1;
	}
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.' && !show_all)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			names = realloc(names, cap * sizeof(*names));
		}
		if (!names || !(names[n++] = strdup(d->d_name))) {
			perror("ls");
			exit(1);
		}
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir_path, names[i]);
		print_entry(path, names[i]);
		free(names[i]);
	}
	free(names);
	return 0;
}

int main(int argc, char **argv)
{
	int opt, status = 0;
	struct stat st;

	while ((opt = getopt(argc, argv, "la")) != -1) {
		if (opt == 'l') {
			long_format = 1;
		} else if (opt == 'a') {
			show_all = 1;
		} else {
			fprintf(stderr, "usage: ls [-l] [-a] [path...]\n");
			return 2;
		}
	}
	if (optind == argc)
		return list_dir(".");
	for (int i = optind; i < argc; i++) {
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (argc - optind > 1)
				printf("%s%s:\n", i > optind ? "\n" : "", argv[i]);
			status |= list_dir(argv[i]);
		} else {
			print_entry(argv[i], argv[i]);
		}
	}
	return status;
}
