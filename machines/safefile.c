#include "machines/safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void release(safe_file *sf)
{
    free(sf->path);
    free(sf->tmp);
    sf->path = sf->tmp = NULL;
    sf->fd = -1;
}

bool safe_file_open(safe_file *sf, const char *path)
{
    sf->fd = -1;
    sf->path = strdup(path);
    size_t n = strlen(path) + 16;
    sf->tmp = malloc(n);
    if (!sf->path || !sf->tmp) {
        release(sf);
        errno = ENOMEM;
        return false;
    }
    snprintf(sf->tmp, n, "%s.tmpXXXXXX", path);
    sf->fd = mkstemp(sf->tmp);
    if (sf->fd < 0) {
        int e = errno;
        release(sf);
        errno = e;
        return false;
    }
    struct stat st;
    if (stat(path, &st) == 0)
        fchmod(sf->fd, st.st_mode & 07777); /* keep the original's permissions */
    return true;
}

bool safe_file_write(safe_file *sf, const void *data, size_t len)
{
    const uint8_t *p = data;
    while (len) {
        ssize_t w = write(sf->fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (w == 0) {
            errno = EIO;
            return false;
        }
        p += w;
        len -= (size_t)w;
    }
    return true;
}

void safe_file_abort(safe_file *sf)
{
    int e = errno;
    if (sf->fd >= 0)
        close(sf->fd);
    if (sf->tmp)
        unlink(sf->tmp);
    release(sf);
    errno = e;
}

bool safe_file_commit(safe_file *sf)
{
    if (fsync(sf->fd) != 0) {
        safe_file_abort(sf);
        return false;
    }
    int fd = sf->fd;
    sf->fd = -1;
    if (close(fd) != 0 || rename(sf->tmp, sf->path) != 0) {
        safe_file_abort(sf);
        return false;
    }
    /* Make the rename itself durable (best effort). */
    char *slash = strrchr(sf->path, '/');
    if (slash)
        slash[1] = '\0';
    int dfd = open(slash ? sf->path : ".", O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    release(sf);
    return true;
}
