/* Writing a user's file safely: everything goes to a temporary file in the
 * same folder, which replaces the original only once it is complete and on
 * disk.  On any error the original is untouched and the temporary removed. */
#ifndef TANDEM_SAFEFILE_H
#define TANDEM_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct safe_file {
    char *path; /* the file to replace */
    char *tmp;  /* the temporary beside it */
    int fd;
} safe_file;

/* Creates the temporary (with an existing file's permissions).  False with
 * errno set on failure. */
bool safe_file_open(safe_file *sf, const char *path);
/* Writes all of data.  False with errno set on failure. */
bool safe_file_write(safe_file *sf, const void *data, size_t len);
/* fsync, close and rename over the original, then sync the folder.  False
 * with errno set on failure, the temporary removed.  Frees sf either way. */
bool safe_file_commit(safe_file *sf);
/* Gives up: removes the temporary, keeps errno.  Frees sf. */
void safe_file_abort(safe_file *sf);

#endif
