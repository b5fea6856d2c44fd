#ifndef CV2BIB_CLEAN_H
#define CV2BIB_CLEAN_H
#endif
