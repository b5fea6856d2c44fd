#ifndef CV2BIB_READ_H
#define CV2BIB_READ_H
#endif
