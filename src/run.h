#ifndef CV2BIB_RUN_H
#define CV2BIB_RUN_H
#endif
