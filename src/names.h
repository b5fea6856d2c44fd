#ifndef CV2BIB_NAMES_H
#define CV2BIB_NAMES_H
#endif
