/* vimdata fork server: preloaded into one long-lived `vim`, started exactly as the contract
 * says. When Vim opens its `--cmd` harness for the first time (all start-up work done, the file
 * not yet read), this library turns that process into a server: for each request on the control
 * socket it forks, and the child goes on from that very point -- it opens the harness, which now
 * holds the record's keys, and reads the record's file -- as a fresh Vim would. The parent
 * reports the child's pid and exit status. Each record thus costs a fork instead of an exec,
 * the dynamic loader, and Vim's start-up.
 *
 * Environment: VIMDATA_FORK_POINT (the harness path), VIMDATA_FORK_FD (the control socket).
 * They, LD_PRELOAD and LD_BIND_NOW are removed from the environment before Vim reads it.
 * Protocol, all little-endian: request 1 byte 'G'; replies i32 pid, then i32 wait status.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static char fork_point[4096];
static int control_fd = -1;
static int serving = 0;

__attribute__((constructor)) static void vimdata_init(void) {
    const char *point = getenv("VIMDATA_FORK_POINT");
    const char *fd = getenv("VIMDATA_FORK_FD");
    if (point && fd && strlen(point) < sizeof fork_point) {
        strcpy(fork_point, point);
        control_fd = atoi(fd);
    }
    unsetenv("VIMDATA_FORK_POINT");
    unsetenv("VIMDATA_FORK_FD");
    unsetenv("LD_PRELOAD");
    unsetenv("LD_BIND_NOW");
}

static int write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Serve until the control socket closes; returns only in a child. */
static void serve(void) {
    serving = 1;
    for (;;) {
        char request;
        ssize_t n = read(control_fd, &request, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n != 1 || request != 'G') _exit(0);
        pid_t child = fork();
        if (child == 0) {
            close(control_fd);
            return;
        }
        int pid = (int)child;
        if (write_all(control_fd, &pid, sizeof pid) < 0) _exit(0);
        int status = 0;
        if (child < 0) {
            status = -1;
        } else {
            while (waitpid(child, &status, 0) < 0) {
                if (errno != EINTR) {
                    status = -1;
                    break;
                }
            }
        }
        if (write_all(control_fd, &status, sizeof status) < 0) _exit(0);
    }
}

static int is_fork_point(const char *path) {
    return control_fd >= 0 && !serving && path && strcmp(path, fork_point) == 0;
}

typedef int (*open_fn)(const char *, int, ...);
typedef int (*openat_fn)(int, const char *, int, ...);
typedef FILE *(*fopen_fn)(const char *, const char *);

/* The mode open() and openat() take after `flags` when they may create a file. */
#define MODE_ARG(mode, flags)                                                \
    mode_t mode = 0;                                                         \
    if ((flags) & (O_CREAT | O_TMPFILE)) {                                   \
        va_list ap;                                                          \
        va_start(ap, flags);                                                 \
        mode = va_arg(ap, mode_t);                                           \
        va_end(ap);                                                          \
    }

#define OPEN_WRAPPER(name)                                                   \
    int name(const char *path, int flags, ...) {                             \
        static open_fn real;                                                 \
        MODE_ARG(mode, flags);                                               \
        if (!real) real = (open_fn)dlsym(RTLD_NEXT, #name);                  \
        if (is_fork_point(path)) serve();                                    \
        return real(path, flags, mode);                                      \
    }

OPEN_WRAPPER(open)
OPEN_WRAPPER(open64)

#define OPENAT_WRAPPER(name)                                                 \
    int name(int dirfd, const char *path, int flags, ...) {                  \
        static openat_fn real;                                               \
        MODE_ARG(mode, flags);                                               \
        if (!real) real = (openat_fn)dlsym(RTLD_NEXT, #name);                \
        if (is_fork_point(path)) serve();                                    \
        return real(dirfd, path, flags, mode);                               \
    }

OPENAT_WRAPPER(openat)
OPENAT_WRAPPER(openat64)

#define FOPEN_WRAPPER(name)                                                  \
    FILE *name(const char *path, const char *mode) {                         \
        static fopen_fn real;                                                \
        if (!real) real = (fopen_fn)dlsym(RTLD_NEXT, #name);                 \
        if (is_fork_point(path)) serve();                                    \
        return real(path, mode);                                             \
    }

FOPEN_WRAPPER(fopen)
FOPEN_WRAPPER(fopen64)
