#ifndef CV2BIB_SECTION_H
#define CV2BIB_SECTION_H
#endif
