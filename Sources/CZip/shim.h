#ifndef GAPCHECK_CZIP_SHIM_H
#define GAPCHECK_CZIP_SHIM_H
#include <zip.h>
#endif
