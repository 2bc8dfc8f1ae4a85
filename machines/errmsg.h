/* Error messages for callers that pass a buffer (char *err, size_t errlen). */
#ifndef TANDEM_ERRMSG_H
#define TANDEM_ERRMSG_H

#include <stddef.h>

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void fmt_err(char *err, size_t errlen, const char *fmt, ...);

#endif
