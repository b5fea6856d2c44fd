#ifndef CV2BIB_SPLIT_H
#define CV2BIB_SPLIT_H
#endif
