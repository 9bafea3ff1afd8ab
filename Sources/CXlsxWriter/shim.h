#ifndef GAPCHECK_CXLSXWRITER_SHIM_H
#define GAPCHECK_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
