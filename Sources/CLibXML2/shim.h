#ifndef GAPCHECK_CLIBXML2_SHIM_H
#define GAPCHECK_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU, so encoding.h pulls the system's <unicode/ucnv.h>, whose UErrorCode clashes with
// the one in Foundation's _FoundationICU module wherever both modules meet (a clean build fails, or not, depending on
// which module the compiler loads first). Nothing here touches the ICU converter fields those headers add to
// xmlCharEncodingHandler, so the headers are read as for a build without ICU: the library itself is unchanged.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlIO.h>

// xmlFree is a global function pointer variable; Swift 6 rejects touching it directly.
static inline void gc_xml_free(void *p) { xmlFree(p); }

// Refuse every external entity or DTD load: document XML is untrusted.
static xmlParserInputPtr gc_no_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}
static inline void gc_xml_harden(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(gc_no_entity_loader);
}
#endif
