#ifndef CV2BIB_NORM_H
#define CV2BIB_NORM_H
#endif
