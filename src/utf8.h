#ifndef CV2BIB_UTF8_H
#define CV2BIB_UTF8_H
#endif
